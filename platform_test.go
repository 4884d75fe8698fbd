package videosdk

import (
	"context"
	"errors"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

type platformThing struct {
	ID     string `json:"id"`
	CallID string `json:"callId"`
	Name   string `json:"name"`
}

func (p *platformThing) normalize() { setIfEmpty(&p.ID, p.CallID) }

func (p *platformThing) validResponse() error {
	if p.ID == "" {
		return errors.New("no id")
	}
	return nil
}

func TestCallUnwrapped(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body    string
		want    string
		wantErr bool
	}{
		"wrapped":            {body: `{"data":{"id":"a","name":"n"}}`, want: "a"},
		"bare":               {body: `{"id":"b","name":"n"}`, want: "b"},
		"callId copied":      {body: `{"data":{"callId":"c"}}`, want: "c"},
		"data not an object": {body: `{"data":"x","id":"d"}`, want: "d"},
		"empty object":       {body: `{}`, wantErr: true},
		"array":              {body: `[1]`, wantErr: true},
		"html":               {body: `<html>`, wantErr: true},
		"truncated":          {body: `{"data":{"id":"a"`, wantErr: true},
		"empty":              {body: ``, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL("/v2/thing"), httpmock.NewStringResponder(200, tc.body))
			got, err := callUnwrapped[platformThing](context.Background(), c, "GET", "/v2/thing", nil, nil, "data")
			if tc.wantErr {
				var re *ResponseError
				require.ErrorAs(t, err, &re)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got.ID)
		})
	}
}

func TestListUnwrapped(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		key, body string
		ids       []string
		last      int
		wantErr   bool
	}{
		"data":                       {body: `{"pageInfo":{"currentPage":1,"lastPage":3},"data":[{"id":"a"},{"callId":"b"}]}`, ids: []string{"a", "b"}, last: 3},
		"own key":                    {key: "deployments", body: `{"pageInfo":{"currentPage":1,"lastPage":1},"deployments":[{"id":"a"}]}`, ids: []string{"a"}, last: 1},
		"own key nested":             {key: "records", body: `{"data":{"pageInfo":{"currentPage":2,"lastPage":2},"records":[{"id":"a"}]}}`, ids: []string{"a"}, last: 2},
		"own key absent, data array": {key: "batchCalls", body: `{"data":[{"id":"z"}]}`, ids: []string{"z"}, last: 1},
		"bare array":                 {body: `[{"id":"a"}]`, ids: []string{"a"}, last: 1},
		"no items":                   {body: `{"pageInfo":{}}`, wantErr: true},
		"items not list":             {body: `{"data":{"id":"a"}}`, wantErr: true},
		"garbage":                    {body: `{"data":[`, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL("/v2/things"), httpmock.NewStringResponder(200, tc.body))
			p, err := listUnwrapped[platformThing](context.Background(), c, "/v2/things", nil, tc.key)
			if tc.wantErr {
				var re *ResponseError
				require.ErrorAs(t, err, &re)
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, it := range p.Data {
				ids = append(ids, it.ID)
			}
			require.Equal(t, tc.ids, ids)
			require.Equal(t, tc.last, p.PageInfo.LastPage)
		})
	}
}

func TestCallMessage(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"message":"Gateway deleted","extra":1}`: "Gateway deleted",
		`"deleted"`: "deleted",
		`deleted`:   "deleted",
		``:          "",
	} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("DELETE", testutil.URL("/v2/thing/1"), httpmock.NewStringResponder(200, body))
		got, err := callMessage(context.Background(), c, "DELETE", "/v2/thing/1", nil, nil)
		require.NoError(t, err, body)
		require.Equal(t, want, got.Message, body)
	}
}
