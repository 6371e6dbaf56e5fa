using AlphaKite.Core.Calendar;
using AlphaKite.Lambda;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Lambda;

public class AdaptersTests
{
    [Test]
    public void Create_OverridesFileMissing_ThrowsNamingTheFile()
    {
        // Arrange: the Lambda reads ALPHAKITE_CALENDAR_OVERRIDES itself (Core does no I/O).
        var settings = LambdaSettings.Parse(LambdaSettingsTests.Complete()) with { CalendarOverridesPath = "/nonexistent-alphakite/overrides.json" };
        using var http = new HttpClient();

        // Act
        var act = () => Adapters.Create(
            settings, new LambdaSecrets("key", "secret", "postgresql://u:p@127.0.0.1:5432/db"), http, new MemoryTokenStore("{}"), TimeProvider.System);

        // Assert
        act.Should().Throw<CalendarOverrideException>()
            .WithMessage("The calendar overrides file '/nonexistent-alphakite/overrides.json' does not exist*");
    }
}
