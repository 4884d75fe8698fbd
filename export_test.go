package videosdk

// Test seams for the external tests (package videosdk_test), which drive
// the waiters against videosdktest on a virtual clock.
var (
	WithSleepForTest = withSleep
	WithRandForTest  = withRand
)
