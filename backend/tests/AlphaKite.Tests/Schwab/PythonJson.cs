using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Schwab;

/// <summary>Loads a file with Python's json module, the way schwab-py does, and runs assertions there.</summary>
internal static class PythonJson
{
    /// <returns>Python's stdout; throws when the assertions fail.</returns>
    public static string Check(string path, string pythonAssertions)
    {
        var script = "import json,sys\nd=json.load(open(sys.argv[1]))\n" + pythonAssertions + "\nprint('ok')";
        ProcessResult result;
        try
        {
            result = ProcessRunner.Run("python3", ["-c", script, path]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Fails on CI like every other missing oracle, so this check can never silently vanish.
            Prerequisite.Missing("python3", "apt-get install python3 (it is the independent JSON reader here)");
            throw;
        }

        result.ExitCode.Should().Be(0, "python3 must accept the file: {0}", result.StandardError);
        return result.StandardOutput;
    }

    public const string SchwabPyShape = """
        assert type(d['creation_timestamp']) is int, 'creation_timestamp must be an int'
        t = d['token']
        assert type(t['expires_at']) is int, 'expires_at must be an int'
        assert type(t['expires_in']) is int
        for k in ('token_type', 'scope', 'refresh_token', 'access_token', 'id_token'):
            assert type(t[k]) is str, k
        """;
}
