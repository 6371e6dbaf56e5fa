using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace AlphaKite.Cli.Doctor;

/// <summary>
/// The user's own AWS CLI, run as they would run it (`aws SERVICE OPERATION ... --output json
/// --region R`): its credentials, profiles and SSO logins, with nothing of ours in between.
/// <paramref name="endpointUrl"/> (AWS_ENDPOINT_URL) is passed as --endpoint-url, which every CLI
/// version honours (v2 before 2.13 ignores the variable).
/// </summary>
public sealed class AwsCli(string executable, string region, string? endpointUrl)
{
    public string Region => region;

    /// <summary>Runs one command and parses what it prints.</summary>
    /// <exception cref="AwsCliException">The CLI is missing, failed (its own message, last line), or printed no JSON.</exception>
    public async Task<JsonElement> CallAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in (string[])["--output", "json", "--region", region])
        {
            info.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrWhiteSpace(endpointUrl))
        {
            info.ArgumentList.Add("--endpoint-url");
            info.ArgumentList.Add(endpointUrl);
        }

        // No pager and no prompt: this runs unattended.
        info.Environment["AWS_PAGER"] = "";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AwsCliException($"could not start {executable}");
        }
        catch (Win32Exception)
        {
            throw new AwsCliException(
                $"the AWS CLI ('{executable}') is not installed or not on PATH. Fix: install AWS CLI v2 " +
                "(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) or set ALPHAKITE_AWS_CLI to its path");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new AwsCliException(LastLine(await stderr) ?? $"aws exited with {process.ExitCode}");
            }

            try
            {
                using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(output) ? "{}" : output);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new AwsCliException($"'{executable}' printed something that is not JSON; is it the AWS CLI?");
            }
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}

/// <summary>The AWS CLI failed; the message is its own error line (no credentials, not found, denied).</summary>
public sealed class AwsCliException(string message) : Exception(message)
{
    /// <summary>AWS said the named thing does not exist.</summary>
    public bool IsNotFound => Message.Contains("NotFound", StringComparison.Ordinal) || Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase);
}
