using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Cli;

public class CalendarOverridesFileTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("alphakite-overrides-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Load_File_ParsesItsOverrides()
    {
        var path = Path.Combine(_dir, "overrides.json");
        File.WriteAllText(path, """[{"date": "2026-03-02", "close": null, "reason": "National Day of Mourning"}]""");

        var overrides = CalendarOverridesFile.Load(path);

        overrides.Should().ContainSingle().Which.Reason.Should().Be("National Day of Mourning");
    }

    [Test]
    public void Load_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_dir, "absent.json");

        var act = () => CalendarOverridesFile.Load(path);

        act.Should().Throw<CalendarOverrideException>().WithMessage($"The calendar overrides file '{path}' does not exist*");
    }

    [Test]
    public void Load_Directory_ThrowsSayingItIsADirectory()
    {
        var act = () => CalendarOverridesFile.Load(_dir);

        act.Should().Throw<CalendarOverrideException>().WithMessage($"The calendar overrides file '{_dir}' is a directory, not a file.");
    }
}
