// Where the CLI finds its credentials and builds its SDK client.

package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/videosdk-go/videosdk"
)

// credentials resolves the API key and secret: flags first, then the
// environment. A missing one is a usage error that names where to set it.
func (f *flagSet) credentials() (apiKey, secret string, err error) {
	apiKey = firstSet(f.creds.apiKey, f.c.getenv("VIDEOSDK_API_KEY"))
	secret = firstSet(f.creds.secret, f.c.getenv("VIDEOSDK_SECRET"), f.c.getenv("VIDEOSDK_SECRET_KEY"))
	switch {
	case apiKey == "":
		return "", "", usagef("no API key: set VIDEOSDK_API_KEY or pass -api-key")
	case secret == "":
		return "", "", usagef("no API secret: set VIDEOSDK_SECRET (or VIDEOSDK_SECRET_KEY) or pass -secret")
	}
	return apiKey, secret, nil
}

func firstSet(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// client builds an SDK client from the flags and the environment.
func (f *flagSet) client() (*videosdk.Client, error) {
	key, secret, err := f.credentials()
	if err != nil {
		return nil, err
	}
	opts := []videosdk.Option{videosdk.WithUserAgent("videosdk-cli/" + videosdk.Version)}
	endpoint, from := f.creds.endpoint, "-endpoint"
	if endpoint == "" {
		endpoint, from = strings.TrimSpace(f.c.getenv("VIDEOSDK_API_ENDPOINT")), "VIDEOSDK_API_ENDPOINT"
	}
	if endpoint != "" {
		opts = append(opts, videosdk.WithBaseURL(endpoint))
	}
	cl, err := videosdk.NewClient(key, secret, append(opts, f.c.clientOpts...)...)
	if err != nil {
		if endpoint != "" && errors.Is(err, videosdk.ErrInvalidParams) && strings.Contains(err.Error(), "base URL") {
			return nil, fmt.Errorf("%s: %w", from, err)
		}
		return nil, err
	}
	return cl, nil
}
