package videosdk

// RecordingsService is filled in by its issue.
type RecordingsService service
