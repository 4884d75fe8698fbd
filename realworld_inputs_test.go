package videosdk

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// TestGeoFenceUnknownRegionIsSent: a region the SDK does not list (VideoSDK
// adds regions) is sent as given; the API decides.
func TestGeoFenceUnknownRegionIsSent(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var got map[string]any
	mt.RegisterResponder("POST", testutil.URL("/v2/rooms"), func(r *http.Request) (*http.Response, error) {
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			return nil, err
		}
		return httpmock.NewStringResponse(200, `{"roomId":"r-1","id":"d","geoFence":"jp001"}`), nil
	})
	room, err := c.Rooms.Create(context.Background(), CreateRoomParams{GeoFence: "jp001"})
	require.NoError(t, err)
	assert.Equal(t, "jp001", got["geoFence"])
	assert.Equal(t, GeoFence("jp001"), room.GeoFence)
}
