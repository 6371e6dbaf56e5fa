using System.Globalization;

namespace AlphaKite.LocalPostgres;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl, postgres) installed on this machine.</summary>
public static class PostgresBinaries
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them: Debian/Ubuntu `sudo apt-get install postgresql`, "
        + "macOS `brew install postgresql@16`. Searched PATH, /usr/lib/postgresql/*/bin, /opt/homebrew/opt/postgresql@*/bin, "
        + "/usr/local/opt/postgresql@*/bin.";

    /// <summary>The directory holding initdb, pg_ctl and postgres, or null when none is installed.</summary>
    public static string? Find() => Candidates().FirstOrDefault(HasServerPrograms);

    /// <exception cref="PostgresNotInstalledException">No installation was found.</exception>
    public static string Require() => Find() ?? throw new PostgresNotInstalledException(InstallHint);

    private static IEnumerable<string> Candidates()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // Debian's /usr/bin/pg_ctl is a wrapper script that needs a configured cluster: use the real directory.
            yield return ResolveDirectory(dir);
        }

        foreach (var dir in Versioned("/usr/lib/postgresql", d => Path.Combine(d, "bin"), name => name))
        {
            yield return dir;
        }

        foreach (var root in new[] { "/opt/homebrew/opt", "/usr/local/opt" })
        {
            foreach (var dir in Versioned(root, d => Path.Combine(d, "bin"), name => name.StartsWith("postgresql@", StringComparison.Ordinal) ? name[11..] : null))
            {
                yield return dir;
            }
        }
    }

    private static string ResolveDirectory(string dir)
    {
        var pgCtl = Path.Combine(dir, "pg_ctl");
        var target = File.Exists(pgCtl) ? new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null ? dir : Path.GetDirectoryName(target.FullName) ?? dir;
    }

    /// <summary>Subdirectories whose name carries a version, newest first (16 before 15 before 9.6).</summary>
    private static IEnumerable<string> Versioned(string root, Func<string, string> bin, Func<string, string?> version)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(root)
            .Select(d => (Dir: d, Version: ParseVersion(version(Path.GetFileName(d)))))
            .Where(x => x.Version is not null)
            .OrderByDescending(x => x.Version)
            .Select(x => bin(x.Dir));
    }

    private static Version? ParseVersion(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return new Version(major, 0);
        }

        return Version.TryParse(text, out var v) ? v : null;
    }

    private static bool HasServerPrograms(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));
}
