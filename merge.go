package videosdk

// MergesService is filled in by its issue.
type MergesService service
