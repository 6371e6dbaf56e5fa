using System.Text.RegularExpressions;

namespace AlphaKite.Tests.Docs;

/// <summary>
/// Every relative link in README.md and docs/*.md points at a file that exists, and every
/// <c>#anchor</c> at a heading of that file (GitHub's heading slugs), so a renamed doc or section
/// cannot leave a dead link behind.
/// </summary>
public partial class DocLinksTests
{
    private static readonly string Root = FindRoot();

    public static IEnumerable<string> Documents() =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md"))
            .Select(p => Path.GetRelativePath(Root, p))
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Documents))]
    public void RelativeLinks_InDocument_ResolveToFilesAndHeadings(string document)
    {
        var path = Path.Combine(Root, document);
        var broken = new List<string>();

        foreach (var target in Links(File.ReadAllText(path)))
        {
            var (file, anchor) = Split(target);
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Slugs(File.ReadAllText(resolved)).Contains(anchor))
            {
                broken.Add($"{target}: no heading with that anchor in {Path.GetRelativePath(Root, resolved)}");
            }
        }

        broken.Should().BeEmpty($"every relative link in {document} must resolve");
    }

    [Test]
    public void Slugs_GitHubRules_LowerCaseHyphenatedWithoutPunctuation()
    {
        var slugs = Slugs("# Cost model\n## 8. Invoke once and read the response\n## The Lambda runtime\n## The Lambda runtime\n```\n# not a heading\n```\n");

        slugs.Should().BeEquivalentTo("cost-model", "8-invoke-once-and-read-the-response", "the-lambda-runtime", "the-lambda-runtime-1");
    }

    [Test]
    public void Links_CodeAndExternal_AreIgnored()
    {
        const string text = "[a](docs/a.md) `[b](b.md)` [c](https://example.com) [d](#top) ![e](images/e.png)\n```\n[f](f.md)\n```\n";

        Links(text).Should().Equal("docs/a.md", "#top", "images/e.png");
    }

    /// <summary>Targets of inline links and images outside code, minus absolute URLs.</summary>
    private static List<string> Links(string markdown)
    {
        var prose = InlineCode().Replace(Fence().Replace(markdown, string.Empty), string.Empty);
        return Link().Matches(prose)
            .Select(m => m.Groups["target"].Value)
            .Where(t => !Scheme().IsMatch(t))
            .ToList();
    }

    private static (string File, string? Anchor) Split(string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
    }

    /// <summary>GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2... for repeats.</summary>
    private static HashSet<string> Slugs(string markdown)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Fence().Replace(markdown, string.Empty)))
        {
            var text = heading.Groups["text"].Value.Trim().ToLowerInvariant();
            var slug = NotSlug().Replace(text, string.Empty).Replace(' ', '-');
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            slugs.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return slugs;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AlphaKite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AlphaKite.sln not found above the test directory: run the tests from a checkout.");
    }

    [GeneratedRegex(@"^(```|~~~).*?^\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!?\[[^\]\n]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\p{Mn}\p{Pc} -]")]
    private static partial Regex NotSlug();
}
