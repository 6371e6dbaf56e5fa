using System.ComponentModel;
using System.Text.Json.Nodes;

namespace AlphaKite.TestSupport;

/// <summary>
/// The npm oracles in backend/tests/js (code written by other hands in another language): node runs a
/// script there with JSON on stdin and prints JSON. A missing node, script or npm package goes
/// through <see cref="Prerequisite.Missing"/>.
/// </summary>
public static class NpmOracle
{
    /// <param name="script">The script's file name in backend/tests/js.</param>
    /// <param name="package">The npm package it needs (installed by `npm ci` there).</param>
    /// <param name="input">The JSON written to the script's stdin.</param>
    public static JsonNode Run(string script, string package, string input)
    {
        var directory = ScriptDirectory(script, package);
        ProcessResult result;
        try
        {
            result = ProcessRunner.Run("node", [script], directory, stdin: input);
        }
        catch (Win32Exception e)
        {
            Prerequisite.Missing("node", $"install Node.js 18+ (apt-get install nodejs npm); {e.Message}");
            throw;
        }

        result.ExitCode.Should().Be(0, "node {0} failed: {1}", script, result.StandardError);
        return JsonNode.Parse(result.StandardOutput) ?? throw new InvalidOperationException($"{script} printed null.");
    }

    private static string ScriptDirectory(string script, string package)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var js = Path.Combine(dir.FullName, "backend", "tests", "js");
            if (File.Exists(Path.Combine(js, script)))
            {
                if (!Directory.Exists(Path.Combine(js, "node_modules", package)))
                {
                    Prerequisite.Missing($"the npm package {package}", $"run `npm ci` in {js} (./test.sh does it)");
                }

                return js;
            }
        }

        Prerequisite.Missing($"backend/tests/js/{script}", "run the tests from a clone of the repository");
        return string.Empty;
    }
}
