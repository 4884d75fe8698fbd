package videosdk

// SessionsService is filled in by its issue.
type SessionsService service
