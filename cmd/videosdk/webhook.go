package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/videosdk-go/videosdk"
)

func webhookGroup() group {
	return group{path: "videosdk webhook", summary: "Work with VideoSDK webhook deliveries.", cmds: []command{
		{"verify", "verify a delivery's signature and show its event", webhookVerify},
		{"listen", "receive deliveries, verify and print them, and forward them", webhookListen},
	}}
}

// maxWebhookBody caps the body read from stdin.
const maxWebhookBody = 10 << 20

func webhookVerify(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk webhook verify", "< BODY",
		"Verifies a webhook delivery: the raw body on stdin, exactly as received, and the value of its\n"+
			"videosdk-signature header. The public key comes from -key (a PEM file) or, without it, is fetched\n"+
			"from the API with your credentials. Exits 1 when the signature does not match.").withJSON().withCredentials()
	sig := f.String("signature", "", "the `SIGNATURE` (videosdk-signature header value, base64) (required)")
	keyFile := f.String("key", "", "VideoSDK's webhook public key as a PEM `FILE` (default: fetched from the API)")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if err := f.require("signature"); err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(c.stdin, maxWebhookBody+1))
	if err != nil {
		return fmt.Errorf("reading the body from stdin: %w", err)
	}
	if len(body) > maxWebhookBody {
		return f.fail("the body on stdin is larger than %d bytes", maxWebhookBody)
	}
	if len(body) == 0 {
		return f.fail("no body on stdin: pipe the delivery's raw body in")
	}
	key, err := c.webhookKey(ctx, f, *keyFile)
	if err != nil {
		return err
	}
	ev, err := videosdk.ParseWebhook(body, *sig, key)
	switch {
	case errors.Is(err, videosdk.ErrInvalidSignature):
		return err
	case err != nil:
		// Signed by VideoSDK, but not a webhook body the SDK understands: a
		// failed check (exit 1), not bad usage.
		return fmt.Errorf("the signature is valid, but %v", err)
	}
	if f.json {
		return c.printJSON(struct {
			Valid bool                      `json:"valid"`
			Type  videosdk.WebhookEventType `json:"type"`
			Data  json.RawMessage           `json:"data,omitempty"`
		}{true, ev.Type, ev.RawData})
	}
	fmt.Fprintf(c.stdout, "Signature valid.\nEvent: %s\n", printable(string(ev.Type)))
	if len(ev.RawData) == 0 {
		return nil
	}
	var pretty any
	if json.Unmarshal(ev.RawData, &pretty) != nil {
		return nil
	}
	b, err := json.MarshalIndent(pretty, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Data:\n%s\n", printableLines(string(b)))
	return err
}

func (c *cli) webhookKey(ctx context.Context, f *flagSet, keyFile string) (*rsa.PublicKey, error) {
	if keyFile != "" {
		pemKey, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, f.fail("-key: %v", err)
		}
		key, err := videosdk.ParseWebhookPublicKey(pemKey)
		if err != nil {
			return nil, f.fail("-key %s: %v", keyFile, err)
		}
		return key, nil
	}
	cl, err := f.client()
	if err != nil {
		return nil, err
	}
	return cl.WebhookPublicKey(ctx)
}
