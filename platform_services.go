package videosdk

// initPlatformServices builds the service trees of the platform products
// (SPEC-PLATFORM §16–§21) on c.
func (c *Client) initPlatformServices() {
	c.Agents = &AgentsService{
		client:      c,
		Deployments: (*AgentDeploymentsService)(&c.common),
		Secrets:     (*AgentSecretsService)(&c.common),
	}
	c.BatchCalls = &BatchCallsService{client: c, Records: (*BatchRecordsService)(&c.common)}
	c.Connectors = (*ConnectorsService)(&c.common)
	c.Ingest = &IngestService{
		WHIP:    (*WHIPService)(&c.common),
		WHEP:    (*WHEPService)(&c.common),
		Sockets: (*IngestSocketsService)(&c.common),
	}
	c.ResourcePool = (*ResourcePoolService)(&c.common)
	c.Alerts = &AlertsService{
		Rules:     (*AlertRulesService)(&c.common),
		Channels:  (*AlertChannelsService)(&c.common),
		Metrics:   (*AlertMetricsService)(&c.common),
		Incidents: (*IncidentsService)(&c.common),
	}
}
