namespace AlphaKite.Cli.Demo;

/// <summary>
/// The demo's clock: "now" is set by the demo, minute by minute through a session. Timers and
/// delays stay real (the base class's), so retries and the request budget wait real time.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
