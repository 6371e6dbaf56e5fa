using System.Text.RegularExpressions;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// The real deploy_lambda.sh, the real Terraform and provider, the real AWS CLI v2, with moto as AWS:
/// `--plan-only`, then the full run refused without a terminal, then `--yes` applying the plan that
/// was reviewed, then a rebuilt package deployed by the next run. Two stand-ins, both first on PATH and nothing else replaced:
/// - `dotnet`: a real Native AOT publish takes minutes (it has its own tests in Lambda/); this one
///   writes a real ELF executable (/bin/true, or /bin/false for a rebuild) as the bootstrap, which moto
///   stores but never runs.
/// - `aws`: the AWS CLI v2.9 in Debian ignores AWS_ENDPOINT_URL, so a shim adds --endpoint-url and
///   execs the real v2; the script's identity check (`aws sts get-caller-identity`) and its
///   `aws --version` go through it.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public partial class DeployEndToEndTests
{
    private const string Tfvars = """
        schwab_app_key = "fake-app-key-0123456789"
        schwab_secret  = "fake-app-secret-0123456789"
        database_url   = "postgresql://postgres.fakeref:fake-db-password@aws-0-us-east-1.pooler.supabase.com:6543/postgres"
        """;

    [Test]
    public void DeployScript_PlanOnlyThenYes_AppliesTheReviewedPlanToMoto()
    {
        using var moto = MotoServer.Start();
        var aws = new AwsCliV2(moto, AwsCliV2.Find());
        using var rig = new TerraformRig(moto, Tfvars);
        File.Copy(RepositoryRoot.Combine("deploy_lambda.sh"), Path.Combine(rig.Root, "deploy_lambda.sh"));
        var environment = StandIns(rig.Root, aws.Executable, moto.Endpoint);

        var planOnly = Deploy(rig.Root, environment, "--plan-only");

        planOnly.ExitCode.Should().Be(0, planOnly.Output);
        planOnly.StandardError.Should().Contain("deploying to us-east-1 as arn:aws:").And.Contain("Nothing was applied");
        planOnly.StandardOutput.Should().Contain("Plan: 23 to add, 0 to change, 0 to destroy.");
        File.Exists(Path.Combine(rig.Infrastructure, "alpha-kite.tfplan")).Should().BeTrue();
        aws.Json("lambda", "list-functions").GetProperty("Functions").GetArrayLength().Should().Be(0, "--plan-only changes nothing");

        // No terminal, no --yes: refused before building, the reviewed plan kept.
        var unattended = Deploy(rig.Root, environment);

        unattended.ExitCode.Should().Be(1);
        unattended.StandardError.Should().Contain("./deploy_lambda.sh --yes");
        aws.Json("lambda", "list-functions").GetProperty("Functions").GetArrayLength().Should().Be(0, "nothing is applied without a yes");

        var deploy = Deploy(rig.Root, environment, "--yes");

        deploy.ExitCode.Should().Be(0, deploy.Output);
        deploy.StandardError.Should().Contain("applying the plan saved by --plan-only");
        deploy.StandardOutput.Should().Contain("Apply complete! Resources: 23 added, 0 changed, 0 destroyed.")
            .And.Contain("Deployed alpha-kite-real-time-streamer.")
            .And.Contain("aws secretsmanager put-secret-value --secret-id schwab-api-token-prod --secret-string file://backend/config/schwab_token.json --region us-east-1")
            .And.Contain("aws logs tail /aws/lambda/alpha-kite-real-time-streamer --follow --region us-east-1")
            .And.Contain("the close-out run alpha-kite-closeout at 16:10")
            .And.Contain("aws scheduler list-schedules --group-name alpha-kite-prod --region us-east-1")
            .And.Contain("Dashboard: https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/alpha-kite-prod");
        var function = aws.Json("lambda", "get-function-configuration", "--function-name", "alpha-kite-real-time-streamer");
        function.GetProperty("CodeSha256").GetString().Should().Be(
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(rig.Root, "artifacts", "lambda", TerraformRig.PackageName)))),
            "the function runs the package the script built");
        File.Exists(Path.Combine(rig.Infrastructure, "alpha-kite.tfplan")).Should().BeFalse("an applied plan holding secrets is removed");
        File.Exists(Path.Combine(rig.Infrastructure, "alpha-kite.tfplan.fingerprint")).Should().BeFalse();

        // A rebuilt bootstrap is deployed by the next run: the package's hash is what tells Terraform.
        var firstCode = function.GetProperty("CodeSha256").GetString();
        environment["ALPHAKITE_STANDIN_BOOTSTRAP"] = "/bin/false";
        var redeploy = Deploy(rig.Root, environment, "--yes");

        redeploy.ExitCode.Should().Be(0, redeploy.Output);
        var updated = aws.Json("lambda", "get-function-configuration", "--function-name", "alpha-kite-real-time-streamer");
        updated.GetProperty("CodeSha256").GetString().Should().NotBe(firstCode).And.Be(
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(rig.Root, "artifacts", "lambda", TerraformRig.PackageName)))),
            "the function runs the rebuilt package");
    }

    /// <summary>Runs the script; Terraform's colours (it writes them to a pipe too) taken out of the output.</summary>
    private static ProcessResult Deploy(string root, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var result = ProcessRunner.Run(Path.Combine(root, "deploy_lambda.sh"), arguments, root, environment, TimeSpan.FromMinutes(6));
        return result with { StandardOutput = Colour().Replace(result.StandardOutput, ""), StandardError = Colour().Replace(result.StandardError, "") };
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colour();

    private static Dictionary<string, string?> StandIns(string root, string awsV2, Uri moto)
    {
        var bin = Path.Combine(root, "stand-ins");
        Directory.CreateDirectory(bin);
        Write(Path.Combine(bin, "dotnet"), """
            #!/usr/bin/env bash
            # Stand-in for `dotnet publish ... -o DIR`: a real ELF executable as DIR/bootstrap.
            [ "$1" = publish ] || { echo "stand-in dotnet: only publish" >&2; exit 3; }
            out=""
            while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out=$2; shift; done
            mkdir -p "$out" && cp "${ALPHAKITE_STANDIN_BOOTSTRAP:-/bin/true}" "$out/bootstrap"
            """);
        Write(Path.Combine(bin, "aws"), $"""
            #!/usr/bin/env bash
            # The AWS CLI v2, pointed at moto (v2.9 ignores AWS_ENDPOINT_URL).
            exec {awsV2} --endpoint-url {moto.ToString().TrimEnd('/')} "$@"
            """);
        var environment = new Dictionary<string, string?>(TerraformRig.Environment)
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["AWS_DEFAULT_REGION"] = MotoServer.Region,
            ["AWS_PAGER"] = "",
        };
        return environment;
    }

    private static void Write(string path, string script)
    {
        File.WriteAllText(path, script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }
}
