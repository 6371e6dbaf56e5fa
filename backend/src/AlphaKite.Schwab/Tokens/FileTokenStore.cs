using AlphaKite.Core.Files;
using AlphaKite.Core.Ports;

namespace AlphaKite.Schwab.Tokens;

/// <summary>
/// The token document in a local file (backend/config/schwab_token.json). Written the way
/// schwab-py's users see it written: through a symbolic link (one token file linked for both
/// tools stays one file), keeping the file's mode (a new file is 0600, readable only by its
/// owner). Writes go to a temporary file in the target's directory and are renamed over the
/// target, so a crash never leaves half a token file behind.
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
        catch (Exception e) when (FileProblem.IsFileFailure(e))
        {
            throw new TokenFileException(
                $"The Schwab token file {_path} {FileProblem.Describe(e, Directory.Exists(_path))}. Pass --token-file with the path of the " +
                "schwab-py token file itself, or run `alphakite auth` to create one.", e);
        }
    }

    public async Task SaveAsync(string document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var target = Target();
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var mode = OperatingSystem.IsWindows() || !File.Exists(target) ? OwnerOnly : File.GetUnixFileMode(target);
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
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
                // UnixCreateMode passes through the umask; set the mode explicitly: the old file's, or 0600.
                File.SetUnixFileMode(temp, mode);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    // Renaming over a link would replace the link with a detached copy: write its target instead.
    private string Target()
    {
        try
        {
            return File.ResolveLinkTarget(_path, returnFinalTarget: true)?.FullName ?? _path;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return _path;
        }
    }
}
