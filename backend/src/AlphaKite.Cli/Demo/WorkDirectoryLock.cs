using System.Globalization;

namespace AlphaKite.Cli.Demo;

/// <summary>
/// One demo per work directory: a second one would stop the first one's PostgreSQL (it stops a
/// server it finds running in its data directory, as a crash leaves behind). The lock is the
/// operating system's (an exclusive open of <c>demo.lock</c>), so a crashed demo never leaves the
/// directory locked; <c>demo.pid</c> beside it names the holder for the message.
/// </summary>
public sealed class WorkDirectoryLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private WorkDirectoryLock(FileStream @lock, string pidFile)
    {
        _lock = @lock;
        _pidFile = pidFile;
    }

    /// <exception cref="InvalidOperationException">Another process holds the directory; the message names it.</exception>
    public static WorkDirectoryLock Acquire(string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var pidFile = Path.Combine(workDirectory, "demo.pid");
        FileStream stream;
        try
        {
            // .NET takes an exclusive flock(2) for FileShare.None: released by the kernel when the process ends.
            stream = new FileStream(Path.Combine(workDirectory, "demo.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidOperationException(
                $"The work directory {workDirectory} is in use by another demo ({Holder(pidFile)}). " +
                "Wait for it to finish, or pass another --work-dir.", e);
        }

        File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new WorkDirectoryLock(stream, pidFile);
    }

    public void Dispose()
    {
        File.Delete(_pidFile);
        _lock.Dispose();
    }

    private static string Holder(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? $"process {pid}"
                : "process id not recorded";
        }
        catch (IOException)
        {
            return "process id not recorded yet"; // the holder locks first, then writes its id
        }
    }
}
