package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/videosdk-go/videosdk/videosdktest"
)

const fakeDesc = `Serves the fake VideoSDK API of package videosdktest as a process, for tests of programs in any
language. On stdout it prints the variables to export, then it logs each request on stderr
(method, path, status, request id) until Ctrl-C or SIGTERM stops it:

  export VIDEOSDK_API_KEY=videosdktest-key
  export VIDEOSDK_SECRET=...                (the fake's own random test secret: not yours)
  export VIDEOSDK_API_ENDPOINT=http://127.0.0.1:PORT
  export VIDEOSDK_FAKE_CONTROL_URL=http://127.0.0.1:PORT/_fake

The control routes under VIDEOSDK_FAKE_CONTROL_URL simulate what happens in a meeting (start and end
sessions, join and leave participants), inject faults, count requests, and wait for and list the
webhooks the fake delivered (webhooks/flush, deliveries), and simulate the far end of SIP calls
(sip/inbound-calls, sip/callees, sip/calls/hangup), and raise alert incidents
(incidents/raise); they take the same token as the API ('videosdk token -server' mints one). See the README, "Command-line tool".`

func runFake(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk fake", "", fakeDesc)
	addr := f.String("addr", "127.0.0.1:0", "listen on `HOST:PORT`; port 0 picks a free port")
	seed := f.Uint64("seed", 0, "generate the same ids on every run, from seed `N` (default random)")
	delay := f.Duration("processing-delay", 0, "make the fake's jobs (recording files, merges, transcodings, post transcriptions) take `DURATION`; 0 makes them done by the next request (default 500ms, as videosdktest.NewServer); once given, the webhooks/flush route no longer waits for work in progress, as with videosdktest.WithProcessingDelay")
	host := f.String("host", "", "name `HOST` in the endpoint and the file URLs (default -addr's host; this machine's name when that is unspecified, such as 0.0.0.0)")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return f.fail("-addr %q: %v", *addr, err)
	}
	if *delay < 0 {
		return f.fail("-processing-delay %v is negative", *delay)
	}

	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("fake: %w", err)
	}
	advertise := *host
	if h, _, _ := net.SplitHostPort(*addr); advertise == "" && (h == "" || net.ParseIP(h) != nil && net.ParseIP(h).IsUnspecified()) {
		// Listening on every interface: 127.0.0.1 in the URLs would send
		// other machines (and containers) to themselves.
		if advertise, err = os.Hostname(); err != nil {
			return fmt.Errorf("fake: -addr %s listens on every interface, and this machine's name is unknown (%v): name a host with -host", *addr, err)
		}
	}
	opts := []videosdktest.Option{
		videosdktest.WithListener(l),
		videosdktest.WithAdvertisedHost(advertise),
		videosdktest.WithControlRoutes(),
		videosdktest.WithRequestLog(slog.New(slog.NewTextHandler(c.stderr, nil))),
	}
	if f.given("seed") {
		opts = append(opts, videosdktest.WithSeed(*seed))
	}
	if f.given("processing-delay") {
		opts = append(opts, videosdktest.WithProcessingDelay(*delay))
	}
	srv := videosdktest.NewServer(opts...)
	defer srv.Close()

	// Printing this secret is the point: it is the fake's own test secret.
	_, err = fmt.Fprintf(c.stdout, "export VIDEOSDK_API_KEY=%s\nexport VIDEOSDK_SECRET=%s\nexport VIDEOSDK_API_ENDPOINT=%s\nexport VIDEOSDK_FAKE_CONTROL_URL=%s\n",
		srv.APIKey, srv.Secret, srv.URL(), srv.URL()+"/_fake")
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "videosdk fake: serving the fake VideoSDK API on %s (control routes under %s); Ctrl-C stops it\n",
		srv.URL(), videosdktest.ControlPrefix)
	<-ctx.Done()
	srv.Close()
	fmt.Fprintln(c.stderr, "videosdk fake: stopped")
	return nil
}
