package testutil

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// PipeNet is an in-memory network: a net.Listener whose connections are
// net.Pipe ends handed over by its DialContext. Every wait on it is a channel
// operation, so a server and a client on a PipeNet run inside a
// testing/synctest bubble, where time is virtual: a test of code that waits
// (retry backoffs, waiter pauses, a fake's processing delays, per-attempt
// timeouts) takes no real time and never depends on the machine's load.
// Real sockets cannot be used there: a goroutine blocked reading one is not
// "durably blocked", so the bubble's clock would never move.
type PipeNet struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

// NewPipeNet returns an open PipeNet. Create it inside the bubble that uses it.
func NewPipeNet() *PipeNet {
	return &PipeNet{conns: make(chan net.Conn), closed: make(chan struct{})}
}

// Accept waits for the next connection (net.Listener).
func (p *PipeNet) Accept() (net.Conn, error) {
	select {
	case c := <-p.conns:
		return c, nil
	case <-p.closed:
		return nil, net.ErrClosed
	}
}

// Close stops Accept and DialContext (net.Listener). Connections already
// made stay open until their owners close them.
func (p *PipeNet) Close() error {
	p.once.Do(func() { close(p.closed) })
	return nil
}

// Addr is a loopback address, so that servers build http://127.0.0.1:1
// base URLs (net.Listener); dials ignore the address.
func (p *PipeNet) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }

// DialContext connects to the listener, whatever the address.
func (p *PipeNet) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case p.conns <- server:
		return client, nil
	case <-p.closed:
		_ = client.Close()
		_ = server.Close()
		return nil, net.ErrClosed
	case <-ctx.Done():
		_ = client.Close()
		_ = server.Close()
		return nil, ctx.Err()
	}
}

// Client returns an *http.Client that dials only this network. Close its
// idle connections (CloseIdleConnections) before the bubble ends.
func (p *PipeNet) Client() *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: p.DialContext, ForceAttemptHTTP2: false}}
}
