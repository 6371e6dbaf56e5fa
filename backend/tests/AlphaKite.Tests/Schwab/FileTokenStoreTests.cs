using System.Runtime.Versioning;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Tests.Schwab;

public class FileTokenStoreTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ak-store-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Save_IntoMissingDirectory_CreatesItAndWritesOwnerOnlyFile()
    {
        var path = Path.Combine(_dir, "backend", "config", "schwab_token.json");
        var store = new FileTokenStore(path);

        await store.SaveAsync(TokenFixtures.SchwabPyFile, CancellationToken.None);

        (await File.ReadAllTextAsync(path)).Should().Be(TokenFixtures.SchwabPyFile);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Test]
    public async Task Save_OverExistingFile_ReplacesItAndLeavesNoTemporaryFiles()
    {
        var path = Path.Combine(_dir, "schwab_token.json");
        await File.WriteAllTextAsync(path, "old");
        var store = new FileTokenStore(path);

        await store.SaveAsync("new", CancellationToken.None);

        (await store.LoadAsync(CancellationToken.None)).Should().Be("new");
        Directory.GetFiles(_dir).Should().ContainSingle();
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symlinks and Unix modes")]
    [UnsupportedOSPlatform("windows")]
    public async Task Save_ThroughASymlink_WritesTheTargetKeepsTheLinkAndTheTargetsMode()
    {
        // One token file shared with schwab-py: the AlphaKite path is a relative link to it.
        var shared = Directory.CreateDirectory(Path.Combine(_dir, "schwab-py")).FullName;
        var target = Path.Combine(shared, "token.json");
        await File.WriteAllTextAsync(target, "old");
        var groupReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(target, groupReadable);
        var config = Directory.CreateDirectory(Path.Combine(_dir, "config")).FullName;
        var link = Path.Combine(config, "schwab_token.json");
        File.CreateSymbolicLink(link, Path.Combine("..", "schwab-py", "token.json"));

        await new FileTokenStore(link).SaveAsync("new", CancellationToken.None);

        new FileInfo(link).LinkTarget.Should().Be(Path.Combine("..", "schwab-py", "token.json"), "the link stays a link");
        (await File.ReadAllTextAsync(target)).Should().Be("new");
        File.GetUnixFileMode(target).Should().Be(groupReadable);
        Directory.GetFiles(shared).Should().Equal(target);
        Directory.GetFiles(config).Should().Equal(link);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix modes")]
    [UnsupportedOSPlatform("windows")]
    public async Task Save_OverAFileWithItsOwnMode_KeepsTheMode()
    {
        var path = Path.Combine(_dir, "schwab_token.json");
        await File.WriteAllTextAsync(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        await new FileTokenStore(path).SaveAsync("new", CancellationToken.None);

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Test]
    public async Task Load_NoFile_SaysWhereAndToRunAuth()
    {
        var path = Path.Combine(_dir, "nope", "schwab_token.json");
        var store = new FileTokenStore(path);

        var act = () => store.LoadAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<TokenFileException>()).WithMessage($"*{path}*alphakite auth*");
    }

    [Test]
    public void Describe_RelativePath_IsTheFullPath()
    {
        new FileTokenStore("backend/config/schwab_token.json").Describe
            .Should().Be(Path.Combine(Environment.CurrentDirectory, "backend", "config", "schwab_token.json"));
    }
}
