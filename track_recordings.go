package videosdk

// TrackRecordingsService is filled in by its issue.
type TrackRecordingsService service
