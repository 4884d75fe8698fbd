package videosdk

// HLSService is filled in by its issue.
type HLSService service
