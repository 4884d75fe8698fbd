package videosdk

// LivestreamsService is filled in by its issue.
type LivestreamsService service
