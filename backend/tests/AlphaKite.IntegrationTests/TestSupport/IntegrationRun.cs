namespace AlphaKite.IntegrationTests;

/// <summary>Wraps every integration test: stops the shared servers once the whole run is over.</summary>
[SetUpFixture]
public sealed class IntegrationRun
{
    [OneTimeTearDown]
    public async Task StopSharedServersAsync() => await TestSupport.PostgresServer.StopAsync();
}
