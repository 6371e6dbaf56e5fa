using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

public class CalendarOverridesTests
{
    // Core never opens the file: the tests hand it the text, the path only names it in messages.
    private const string FilePath = "/etc/alphakite/calendar-overrides.json";

    private static IReadOnlyList<CalendarOverride> Load(string json) =>
        CalendarOverrides.LoadFile(FilePath, path => path == FilePath ? json : throw new FileNotFoundException(path), _ => false);

    [Test]
    public void LoadFile_ClosureEarlyCloseAndLateOpen_AppliesEachToTheCalendar()
    {
        var json = """
            [
              {"date": "2026-03-02", "close": null, "reason": "National Day of Mourning"},
              {"date": "2026-12-31", "close": "13:00", "reason": "Announced early close"},
              {"date": "2026-09-11", "open": "12:00", "close": "16:00", "reason": "Delayed open"}
            ]
            """;

        var calendar = new NyseCalendar(Load(json));

        calendar.SessionOn(new DateOnly(2026, 3, 2)).Should().BeNull();
        calendar.ReasonFor(new DateOnly(2026, 3, 2)).Should().Be("National Day of Mourning");
        var early = calendar.SessionOn(new DateOnly(2026, 12, 31))!;
        early.IsEarlyClose.Should().BeTrue();
        early.Close.Should().Be(new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero));
        early.ExpectedBars.Should().Be(210);
        var late = calendar.SessionOn(new DateOnly(2026, 9, 11))!;
        late.Open.Should().Be(new DateTimeOffset(2026, 9, 11, 16, 0, 0, TimeSpan.Zero));
        late.ExpectedBars.Should().Be(240);
    }

    [Test]
    public void Constructor_OverrideOnAHoliday_WinsOverTheRule()
    {
        var reopen = new CalendarOverride(new DateOnly(2026, 11, 27), new TimeOnly(16, 0), "Full day after all");

        var session = new NyseCalendar([reopen]).SessionOn(new DateOnly(2026, 11, 27));

        session!.IsEarlyClose.Should().BeFalse();
        session.ExpectedBars.Should().Be(390);
    }

    [Test]
    public void Constructor_NoOverrides_LeavesOtherInstancesUnchanged()
    {
        _ = new NyseCalendar([new CalendarOverride(new DateOnly(2026, 3, 2), null, "closed")]);

        new NyseCalendar().SessionOn(new DateOnly(2026, 3, 2)).Should().NotBeNull();
    }

    [TestCase("2026-03-07", "13:00", "x", null, "*Saturday*")]
    [TestCase("2026-03-02", "13:00", " ", null, "*reason*")]
    [TestCase("2026-03-02", "16:30", "x", null, "*09:30-16:00*")]
    [TestCase("2026-03-02", "12:00", "x", "12:30", "*open before close*")]
    [TestCase("2026-03-02", null, "x", "12:30", "*open is set*")]
    [TestCase("1999-03-02", null, "x", null, "*2000-01-01*")]
    public void Constructor_UnusableOverride_ThrowsSayingWhy(string date, string? close, string reason, string? open, string message)
    {
        var o = new CalendarOverride(
            DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            close is null ? null : TimeOnly.Parse(close, System.Globalization.CultureInfo.InvariantCulture),
            reason,
            open is null ? null : TimeOnly.Parse(open, System.Globalization.CultureInfo.InvariantCulture));

        var act = () => new NyseCalendar([o]);

        act.Should().Throw<CalendarOverrideException>().WithMessage(message);
    }

    [Test]
    public void Constructor_SameDateTwice_Throws()
    {
        var d = new DateOnly(2026, 3, 2);

        var act = () => new NyseCalendar([new CalendarOverride(d, null, "a"), new CalendarOverride(d, null, "b")]);

        act.Should().Throw<CalendarOverrideException>().WithMessage("*2026-03-02 twice*");
    }

    [TestCase("""[{"date": "2026-03-02", "reason": "forgot close"}]""", "*close*")]
    [TestCase("""[{"date": "2026-03-02", "close": "1pm", "reason": "x"}]""", "*entry 1 (date 2026-03-02) has close '1pm'*HH:mm*")]
    [TestCase("""[{"date": "03/02/2026", "close": null, "reason": "x"}]""", "*entry 1 has date '03/02/2026'*yyyy-MM-dd*")]
    [TestCase("""[{"date": "2026-03-02", "close": null, "reason": "x", "closes": "13:00"}]""", "*closes*")]
    [TestCase("""[{"date": "2026-03-02", "close": null, "reason": "x"}, {"date": "2026-03-02", "close": null, "reason": "y"}]""", "*entry 2 (date 2026-03-02) repeats*")]
    [TestCase("""[{"date": "2026-03-02", "close": null, "reason": "x"},""", "*is cut off*")]
    [TestCase("""{"date": "2026-03-02"}""", "*Expected a JSON array*")]
    [TestCase("null", "*null*")]
    public void LoadFile_BadEntry_ThrowsNamingTheFileAndTheEntry(string json, string message)
    {
        var act = () => Load(json);

        act.Should().Throw<CalendarOverrideException>().WithMessage($"*{FilePath}*").And.Message.Should().Match(message);
    }

    [TestCase(false, "The calendar overrides file '/etc/alphakite/calendar-overrides.json' does not exist.")]
    [TestCase(true, "The calendar overrides file '/etc/alphakite/calendar-overrides.json' is a directory, not a file.")]
    public void LoadFile_Unreadable_NamesTheFileAndWhy(bool isDirectory, string expected)
    {
        var error = new FileNotFoundException("Could not find file.");

        var act = () => CalendarOverrides.LoadFile(FilePath, _ => throw error, _ => isDirectory);

        act.Should().Throw<CalendarOverrideException>().WithMessage(expected).Which.InnerException.Should().BeSameAs(error);
    }

    [Test]
    public void LoadFile_EmptyArray_HasNoOverrides()
    {
        Load("[]").Should().BeEmpty();
    }
}
