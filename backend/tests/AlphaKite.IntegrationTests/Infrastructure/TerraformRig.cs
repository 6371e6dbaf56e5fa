using System.Text.Json;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// The real Terraform and the real hashicorp/aws provider against moto. A throw-away directory laid
/// out like the repository root (infrastructure/ copied from the checkout, artifacts/lambda/ with a
/// package zipped the way deploy_lambda.sh zips it), plus, in that copy only, a provider override
/// file pointing every AWS endpoint the configuration uses at moto. Terraform reads its own CLI
/// configuration (<see cref="Environment"/>): the provider comes from a filesystem mirror when one
/// is given or found, from the registry otherwise, through one plugin cache shared by every rig.
/// </summary>
internal sealed class TerraformRig : IDisposable
{
    public const string PackageName = "alpha-kite-real-time-streamer.zip";

    /// <summary>Every service the configuration talks to (the provider's endpoint names).</summary>
    private static readonly string[] Services = ["lambda", "iam", "sts", "secretsmanager", "ssm", "logs", "cloudwatch", "scheduler", "sns"];

    // Where the provider may be installed outside the repository, as a filesystem mirror (the
    // folder holding registry.terraform.io/), in the order Terraform's own docs list them.
    private static readonly string[] MirrorCandidates =
    [
        "/opt/tf-plugins",
        System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".terraform.d", "plugins"),
        "/usr/share/terraform/plugins",
        "/usr/local/share/terraform/plugins",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string?>> SharedEnvironment = new(CreateEnvironment);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("alphakite-tf-");

    /// <param name="moto">The AWS the override points at.</param>
    /// <param name="tfvars">terraform.tfvars of the copy (fake secrets).</param>
    public TerraformRig(MotoServer moto, string tfvars)
    {
        Terraform = Prerequisite.RequireOnPath("terraform", "install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)");
        Directory.CreateDirectory(Infrastructure);
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("infrastructure"), "*.tf"))
        {
            File.Copy(file, System.IO.Path.Combine(Infrastructure, System.IO.Path.GetFileName(file)));
        }

        File.WriteAllText(System.IO.Path.Combine(Infrastructure, "moto_override.tf"), ProviderOverride(moto.Endpoint));
        File.WriteAllText(System.IO.Path.Combine(Infrastructure, "terraform.tfvars"), tfvars);
        WritePackage(System.IO.Path.Combine(Root, "artifacts", "lambda"));
    }

    public string Terraform { get; }

    /// <summary>The copy's root: deploy_lambda.sh, infrastructure/ and artifacts/ sit here as in a checkout.</summary>
    public string Root => _root.FullName;

    public string Infrastructure => System.IO.Path.Combine(Root, "infrastructure");

    /// <summary>TF_CLI_CONFIG_FILE (mirror or registry), TF_PLUGIN_CACHE_DIR shared by every rig, TF_IN_AUTOMATION.</summary>
    public static IReadOnlyDictionary<string, string?> Environment => SharedEnvironment.Value;

    /// <summary>
    /// The override every rig writes, and only into its copy: moto as every endpoint, test
    /// credentials, and none of the checks that would ask real AWS who we are.
    /// </summary>
    public static string ProviderOverride(Uri moto)
    {
        var endpoint = moto.ToString().TrimEnd('/');
        var endpoints = string.Join("\n", Services.Select(s => $"    {s,-14} = \"{endpoint}\""));
        return $$"""
            provider "aws" {
              access_key                  = "testing"
              secret_key                  = "testing"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true
              endpoints {
            {{endpoints}}
              }
            }

            """;
    }

    /// <summary>`terraform ARGS` in the copy's infrastructure/; fails the test on a non-zero exit.</summary>
    public ProcessResult Run(params string[] arguments)
    {
        var result = ProcessRunner.Run(Terraform, [.. arguments, "-no-color"], Infrastructure, Environment, TimeSpan.FromMinutes(4));
        result.ExitCode.Should().Be(0, $"terraform {string.Join(' ', arguments)} failed:\n{result.Output}");
        return result;
    }

    /// <summary>The outputs of the current workspace, as JSON values.</summary>
    public JsonElement Outputs()
    {
        var result = ProcessRunner.Run(Terraform, ["output", "-json"], Infrastructure, Environment);
        result.ExitCode.Should().Be(0, result.Output);
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>
    /// A minimal valid package for the stack tests: a zip holding one executable `bootstrap` (any small
    /// ELF; moto stores the function, it does not run it). It is not deploy_lambda.sh's packaging and
    /// does not claim to be: the deploy script tests and the deploy end-to-end test run the script's
    /// own package step.
    /// </summary>
    public static void WritePackage(string directory)
    {
        var zip = Prerequisite.RequireOnPath("zip", "apt-get install zip");
        Directory.CreateDirectory(directory);
        var bootstrap = System.IO.Path.Combine(directory, "bootstrap");
        File.Copy("/bin/true", bootstrap, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, (UnixFileMode)0b111_101_101);
        }

        // Fixed time stamp and no extra attributes: the same bytes on every run, so source_code_hash is stable.
        File.SetLastWriteTimeUtc(bootstrap, new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var package = System.IO.Path.Combine(directory, PackageName);
        File.Delete(package);
        var result = ProcessRunner.Run(zip, ["-q", "-j", "-X", package, bootstrap], directory, new Dictionary<string, string?> { ["TZ"] = "UTC" });
        result.ExitCode.Should().Be(0, result.Output);
        File.Delete(bootstrap);
    }

    /// <summary>The provider mirror: ALPHAKITE_TF_PROVIDER_MIRROR, else the first usual place holding hashicorp/aws.</summary>
    public static string? FindProviderMirror()
    {
        var given = System.Environment.GetEnvironmentVariable("ALPHAKITE_TF_PROVIDER_MIRROR");
        if (!string.IsNullOrEmpty(given))
        {
            Directory.Exists(given).Should().BeTrue($"ALPHAKITE_TF_PROVIDER_MIRROR={given} is not a directory");
            return given;
        }

        return MirrorCandidates.FirstOrDefault(dir => Directory.Exists(System.IO.Path.Combine(dir, "registry.terraform.io", "hashicorp", "aws")));
    }

    private static Dictionary<string, string?> CreateEnvironment()
    {
        // Shared by every test run on this machine: the provider (hundreds of MB) is unpacked once.
        var cache = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alphakite-tf-plugin-cache");
        Directory.CreateDirectory(cache);
        var mirror = FindProviderMirror();
        const string Aws = "\"registry.terraform.io/hashicorp/aws\"";
        var installation = mirror is null
            ? ""
            : $$"""
                provider_installation {
                  filesystem_mirror {
                    path    = "{{mirror}}"
                    include = [{{Aws}}]
                  }
                  direct {
                    exclude = [{{Aws}}]
                  }
                }
                """;
        var config = System.IO.Path.Combine(cache, mirror is null ? "registry.tfrc" : "mirror.tfrc");
        File.WriteAllText(config, installation + "\n");
        return new Dictionary<string, string?>
        {
            ["TF_CLI_CONFIG_FILE"] = config,
            ["TF_PLUGIN_CACHE_DIR"] = cache,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
            ["CHECKPOINT_DISABLE"] = "1",
            // The rig's AWS is moto: never a profile, a real credential or a region from the machine.
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_SESSION_TOKEN"] = null,
        };
    }
}

/// <summary>The AWS CLI v2 (the guide's `aws logs tail` exists only in v2), pointed at moto with --endpoint-url.</summary>
internal sealed class AwsCliV2(MotoServer moto, string executable)
{
    /// <summary>The first `aws` on PATH, or /usr/bin/aws, that reports aws-cli/2; missing: fails on CI.</summary>
    public static string Find()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        var candidates = path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "aws"))
            .Append("/usr/bin/aws")
            .Where(File.Exists)
            .Distinct();
        var found = candidates.FirstOrDefault(aws =>
            ProcessRunner.Run(aws, ["--version"], RepositoryRoot.Path, timeout: TimeSpan.FromSeconds(30)).Output.StartsWith("aws-cli/2.", StringComparison.Ordinal));
        Prerequisite.Require(found is not null, "the AWS CLI v2 (`aws --version` says aws-cli/2)", "apt-get install awscli");
        return found!;
    }

    public string Executable => executable;

    /// <summary>Runs `aws --endpoint-url MOTO ARGS` in <paramref name="directory"/>; returns the result unchecked.</summary>
    public ProcessResult TryRun(string directory, params string[] arguments) =>
        ProcessRunner.Run(executable, ["--endpoint-url", moto.Endpoint.ToString().TrimEnd('/'), .. arguments], directory, new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_DEFAULT_REGION"] = MotoServer.Region,
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_PAGER"] = "",
        });

    /// <summary>Runs a command that prints JSON; fails the test on a non-zero exit.</summary>
    public JsonElement Json(params string[] arguments)
    {
        var result = TryRun(Path.GetTempPath(), [.. arguments, "--output", "json"]);
        result.ExitCode.Should().Be(0, $"aws {string.Join(' ', arguments)} failed: {result.StandardError}");
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(result.StandardOutput) ? "{}" : result.StandardOutput);
        return document.RootElement.Clone();
    }
}
