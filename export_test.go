package videosdk

// Test seams for the external tests (package videosdk_test), which drive
// the retry and waiter pauses (recorded, or real inside a synctest bubble)
// and pin the jitter.
var (
	WithSleepForTest = withSleep
	WithRandForTest  = withRand
)
