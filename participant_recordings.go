package videosdk

// ParticipantRecordingsService is filled in by its issue.
type ParticipantRecordingsService service
