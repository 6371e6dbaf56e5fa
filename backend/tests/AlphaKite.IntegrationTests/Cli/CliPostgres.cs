using AlphaKite.IntegrationTests.Support;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>The shared embedded PostgreSQL for the CLI end-to-end tests.</summary>
[SetUpFixture]
public sealed class CliPostgres
{
    [OneTimeSetUp]
    public Task StartAsync() => SharedPostgres.AcquireAsync();

    [OneTimeTearDown]
    public Task StopAsync() => SharedPostgres.ReleaseAsync();
}
