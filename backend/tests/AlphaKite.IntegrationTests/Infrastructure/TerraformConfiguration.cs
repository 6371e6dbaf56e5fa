using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// The infrastructure/*.tf files as HashiCorp's HCL parser (npm @cdktf/hcl2json) sees them: blocks
/// become JSON, expressions stay strings like "${var.x}". Per file, so tests can check files by role.
/// </summary>
internal sealed partial class TerraformConfiguration
{
    private readonly Dictionary<string, JsonElement> _files;

    private TerraformConfiguration(Dictionary<string, JsonElement> files) => _files = files;

    public IReadOnlyCollection<string> FileNames => _files.Keys;

    public static TerraformConfiguration Load(params string[] files)
    {
        var script = RepositoryRoot.Combine("backend", "tests", "js", "hcl2json.js");
        var parser = RepositoryRoot.Combine("backend", "tests", "js", "node_modules", "@cdktf", "hcl2json");
        Prerequisite.Require(Directory.Exists(parser), "npm package @cdktf/hcl2json", "cd backend/tests/js && npm ci");
        var node = Prerequisite.RequireOnPath("node", "apt-get install nodejs npm");

        var paths = files.Length > 0
            ? files.Select(f => RepositoryRoot.Combine(f)).ToArray()
            : Directory.GetFiles(RepositoryRoot.Combine("infrastructure"), "*.tf").Order(StringComparer.Ordinal).ToArray();
        var result = ProcessRunner.Run(node, [script, .. paths], RepositoryRoot.Path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"hcl2json could not parse the configuration: {result.StandardError}");
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        var parsed = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return new TerraformConfiguration(parsed);
    }

    public JsonElement File(string name) => _files[name];

    /// <summary>Blocks of one kind ("variable", "output", "locals") or of one type ("resource", "aws_iam_role"), keyed by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Blocks(string kind, string? type = null)
    {
        var blocks = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var file in _files.Values)
        {
            if (!file.TryGetProperty(kind, out var group))
            {
                continue;
            }

            var named = type is null ? group : group.TryGetProperty(type, out var typed) ? typed : default;
            if (named.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var block in named.EnumerateObject())
            {
                blocks[block.Name] = block.Value.ValueKind == JsonValueKind.Array ? block.Value[0] : block.Value;
            }
        }

        return blocks;
    }

    public JsonElement Resource(string type, string name) =>
        Blocks("resource", type).TryGetValue(name, out var block)
            ? block
            : throw new AssertionException($"resource {type}.{name} is not defined");

    /// <summary>The file that defines a block, e.g. FileOf("resource", "aws_lambda_function").</summary>
    public IEnumerable<string> FilesDefining(string kind, string type) =>
        _files.Where(f => f.Value.TryGetProperty(kind, out var group) && group.TryGetProperty(type, out _)).Select(f => f.Key);

    public IReadOnlyDictionary<string, JsonElement> Locals()
    {
        var locals = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var file in _files.Values.Where(f => f.TryGetProperty("locals", out _)))
        {
            foreach (var block in file.GetProperty("locals").EnumerateArray())
            {
                foreach (var local in block.EnumerateObject())
                {
                    locals[local.Name] = local.Value;
                }
            }
        }

        return locals;
    }

    /// <summary>
    /// Replaces ${local.x} and ${var.x} (with the variable's default) in a string until none is left:
    /// enough to read the concrete names the configuration produces with default inputs.
    /// </summary>
    public string Resolve(string expression)
    {
        var locals = Locals();
        var variables = Blocks("variable");
        for (var i = 0; i < 10 && Reference().IsMatch(expression); i++)
        {
            expression = Reference().Replace(expression, m => m.Groups["kind"].Value == "local"
                ? Local(locals[m.Groups["name"].Value], m.Groups["member"])
                : Default(m.Groups["name"].Value));
        }

        return expression;

        string Default(string variable) => variables[variable].GetProperty("default").ToString();

        // A member of an object local (local.names.function), or a local that is one condition on a
        // variable (var.environment == "prod" ? "" : "-${var.environment}"), taken with the default.
        string Local(JsonElement local, Group member)
        {
            var text = member.Success ? local.GetProperty(member.Value).GetString()! : local.GetString()!;
            var condition = Condition().Match(text);
            return !condition.Success ? text
                : Default(condition.Groups["name"].Value) == condition.Groups["equals"].Value ? condition.Groups["then"].Value : condition.Groups["else"].Value;
        }
    }

    [GeneratedRegex(@"\$\{(?<kind>local|var)\.(?<name>[a-z_]+)(\.(?<member>[a-z_]+))?\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\$\{var\.(?<name>[a-z_]+) == ""(?<equals>[^""]*)"" \? ""(?<then>[^""]*)"" : ""(?<else>.*)""\}$")]
    private static partial Regex Condition();
}
