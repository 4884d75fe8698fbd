package videosdk_test

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleIncidentsService_Acknowledge() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	alerts, ctx := srv.Client().Alerts, context.Background()

	rule, err := alerts.Rules.Create(ctx, videosdk.CreateAlertRuleParams{
		Name: "High packet loss", Severity: videosdk.SeverityCritical,
		RuleConfig: videosdk.RuleConfig{
			Query:     map[string]any{"metric": "packet_loss"},
			Condition: videosdk.AlertCondition{Operator: videosdk.OpGreater, Threshold: 5},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	id, err := srv.RaiseIncident(rule.ID) // what the evaluator does when the condition holds
	if err != nil {
		log.Fatal(err)
	}
	inc, err := alerts.Incidents.Acknowledge(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inc.Status)
	inc, err = alerts.Incidents.Resolve(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inc.Status)
	// Output:
	// acknowledged
	// resolved
}
