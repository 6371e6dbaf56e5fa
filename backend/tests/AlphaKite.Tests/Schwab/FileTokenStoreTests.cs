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
