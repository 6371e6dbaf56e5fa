using AlphaKite.Core.Ports;

namespace AlphaKite.Schwab.Tokens;

/// <summary>
/// The token document in a local file (backend/config/schwab_token.json), readable only by its
/// owner (0600). Writes go to a temporary file in the same directory and are renamed over the
/// old one, so a crash never leaves half a token file behind.
/// </summary>
public sealed class FileTokenStore : ITokenStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _path;

    public FileTokenStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    public string Describe => _path;

    public async Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(_path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TokenFileException(
                $"There is no Schwab token file at {_path}. Run `alphakite auth` to log in to Schwab and create it " +
                "(or pass --token-file with the path of your schwab-py token file).", e);
        }
    }

    public async Task SaveAsync(string document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using (var stream = new FileStream(temp, options))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(document.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // UnixCreateMode passes through the umask; set the mode explicitly so it is exactly 0600.
                File.SetUnixFileMode(temp, OwnerOnly);
            }

            File.Move(temp, _path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
