using AlphaKite.IntegrationTests.Support;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>The shared embedded PostgreSQL for every tick end-to-end test.</summary>
[SetUpFixture]
public sealed class TicksPostgres
{
    [OneTimeSetUp]
    public Task StartAsync() => SharedPostgres.AcquireAsync();

    [OneTimeTearDown]
    public Task StopAsync() => SharedPostgres.ReleaseAsync();
}
