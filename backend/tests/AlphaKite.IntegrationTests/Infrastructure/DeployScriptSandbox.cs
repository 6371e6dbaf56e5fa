using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away copy of the repository root holding deploy_lambda.sh, run with a PATH that holds
/// only real basic tools (bash, sed, zip, readelf, ...) and stand-ins for dotnet, clang, terraform
/// and aws (and on request docker or a cross compiler) that append their arguments to a log, plus a
/// `uname` that reports the host the test chose (Linux x86_64 unless told). Nothing reaches AWS or
/// builds .NET code.
/// </summary>
internal sealed class DeployScriptSandbox : IDisposable
{
    // The real tools the script uses; the stand-ins below replace the ones that build or deploy.
    private static readonly string[] RealTools =
        ["bash", "env", "basename", "sed", "grep", "awk", "tail", "head", "sort", "wc", "rm", "mkdir", "chmod", "touch", "dirname", "cat", "cp", "find", "od", "tr", "id", "mv", "zip", "readelf", "sha256sum"];

    private const string Stub = """
        #!/usr/bin/env bash
        # Stand-in: records its arguments, then acts as the test configured it.
        name=$(basename "$0")
        printf '%s %s\n' "$name" "$*" >> "$STUB_LOG"
        case "$name $*" in
          "docker run --rm --platform "*" true")
            # The probe for a container of another architecture (emulation registered or not).
            exit "${DOCKER_EMULATION_EXIT:-0}" ;;
          "dotnet publish "*|"docker run "*)
            out=""
            while [ $# -gt 0 ]; do
              [ "$1" = "-o" ] && out=$2
              [ "$1" = "-v" ] && [[ "$2" == *:/out ]] && out=${2%:/out}
              shift
            done
            mkdir -p "$out" && cp "$FAKE_BOOTSTRAP" "$out/bootstrap"
            for extra in ${FAKE_EXTRA_FILES:-}; do cp "$extra" "$out/"; done
            exit 0 ;;
          "docker info"*) exit "${DOCKER_INFO_EXIT:-0}" ;;
          "aws sts "*) echo "arn:aws:iam::123456789012:user/tester"; exit "${AWS_STS_EXIT:-0}" ;;
          "aws --version"*) echo "${AWS_VERSION:-aws-cli/2.15.0 Python/3.11 Linux/6 exe/x86_64}"; exit 0 ;;
          "terraform -chdir=infrastructure output -raw "*) echo "value-of-$4"; exit 0 ;;
          "terraform -chdir=infrastructure plan "*)
            # Saves the plan file as terraform would, so a later run can find it.
            if [ "${TF_EXIT_plan:-0}" = 0 ]; then
              for arg in "$@"; do case "$arg" in -out=*) : > "infrastructure/${arg#-out=}" ;; esac; done
            fi
            exit "${TF_EXIT_plan:-0}" ;;
        esac
        for sub in init validate plan apply; do
          if [ "$name" = terraform ] && [[ " $* " == *" $sub "* ]]; then
            var="TF_EXIT_$sub"
            exit "${!var:-0}"
          fi
        done
        exit 0
        """;

    private const string Uname = """
        #!/usr/bin/env bash
        # Stand-in: the host this test pretends to be.
        case "$1" in
          -m) echo "${UNAME_M:-x86_64}" ;;
          *) echo "${UNAME_S:-Linux}" ;;
        esac
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("alphakite-deploy-");

    public DeployScriptSandbox(string fakeBootstrap, params string[] withoutTools)
    {
        FakeBootstrap = fakeBootstrap;
        File.Copy(RepositoryRoot.Combine("deploy_lambda.sh"), Path.Combine(Root, "deploy_lambda.sh"));
        Directory.CreateDirectory(Path.Combine(Root, "infrastructure"));
        Directory.CreateDirectory(Bin);
        foreach (var tool in RealTools.Except(withoutTools))
        {
            var real = Prerequisite.RequireOnPath(tool, $"apt-get install {(tool is "zip" ? "zip" : tool is "readelf" ? "binutils" : "coreutils")}");
            File.CreateSymbolicLink(Path.Combine(Bin, tool), real);
        }

        foreach (var tool in new[] { "dotnet", "clang", "terraform", "aws" }.Except(withoutTools))
        {
            WithStandIn(tool);
        }

        WriteExecutable("uname", Uname);
    }

    public string Root => _root.FullName;

    public string FakeBootstrap { get; }

    public string PackagePath => Path.Combine(Root, "artifacts", "lambda", "alpha-kite-real-time-streamer.zip");

    public string TfvarsPath => Path.Combine(Root, "infrastructure", "terraform.tfvars");

    private string Bin => Path.Combine(Root, "bin");

    private string LogPath => Path.Combine(Root, "stub.log");

    /// <summary>Every stand-in call, one line each: "terraform -chdir=infrastructure validate".</summary>
    public IReadOnlyList<string> Calls => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>Adds a logging stand-in: docker (`docker info` exits with DOCKER_INFO_EXIT), a cross compiler, ...</summary>
    public DeployScriptSandbox WithStandIn(string tool)
    {
        WriteExecutable(tool, Stub);
        return this;
    }

    /// <summary>Adds a real tool the sandbox leaves out by default (e.g. Perl's shasum, as on macOS).</summary>
    public DeployScriptSandbox WithRealTool(string tool, string install)
    {
        File.CreateSymbolicLink(Path.Combine(Bin, tool), Prerequisite.RequireOnPath(tool, install));
        return this;
    }

    /// <summary>Adds a tool that runs <paramref name="script"/> (a bash script body).</summary>
    public DeployScriptSandbox WithScript(string tool, string script)
    {
        WriteExecutable(tool, "#!/usr/bin/env bash\n" + script);
        return this;
    }

    public DeployScriptSandbox WithTfvars(string content = "aws_region = \"us-east-2\"\nschwab_app_key = \"k\"\n")
    {
        File.WriteAllText(TfvarsPath, content);
        return this;
    }

    public ProcessResult Run(IReadOnlyDictionary<string, string?>? environment = null, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>
        {
            ["PATH"] = Bin,
            ["STUB_LOG"] = LogPath,
            ["FAKE_BOOTSTRAP"] = FakeBootstrap,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return ProcessRunner.Run(Path.Combine(Root, "deploy_lambda.sh"), arguments, Root, variables);
    }

    /// <summary>
    /// Runs the script on a terminal (util-linux `script` gives it a pseudo-terminal as stdin) and
    /// types <paramref name="typed"/> into it, as a person answering its question would.
    /// </summary>
    public ProcessResult RunOnTerminal(string typed, params string[] arguments)
    {
        var script = Prerequisite.RequireOnPath("script", "apt-get install bsdutils (util-linux)");
        var command = string.Join(' ', new[] { "./deploy_lambda.sh" }.Concat(arguments));
        return ProcessRunner.Run(script, ["-qec", command, "/dev/null"], Root, new Dictionary<string, string?>
        {
            ["PATH"] = Bin, ["STUB_LOG"] = LogPath, ["FAKE_BOOTSTRAP"] = FakeBootstrap, ["SHELL"] = Path.Combine(Bin, "bash"),
        }, stdin: typed);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void WriteExecutable(string name, string script)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }
}
