using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

/// <summary>The roots' call, CalendarOverrides.LoadFile(path, File.ReadAllText, Directory.Exists), on a real
/// file system: the runtime's exceptions become our words.</summary>
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

        var overrides = Load(path);

        overrides.Should().ContainSingle().Which.Reason.Should().Be("National Day of Mourning");
    }

    [Test]
    public void Load_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_dir, "absent.json");

        var act = () => Load(path);

        act.Should().Throw<CalendarOverrideException>().WithMessage($"The calendar overrides file '{path}' does not exist*");
    }

    [Test]
    public void Load_Directory_ThrowsSayingItIsADirectory()
    {
        var act = () => Load(_dir);

        act.Should().Throw<CalendarOverrideException>().WithMessage($"The calendar overrides file '{_dir}' is a directory, not a file.");
    }

    private static IReadOnlyList<CalendarOverride> Load(string path) => CalendarOverrides.LoadFile(path, File.ReadAllText, Directory.Exists);
}
