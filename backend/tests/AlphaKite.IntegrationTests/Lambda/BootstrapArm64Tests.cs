using System.Globalization;
using System.Text.RegularExpressions;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// The arm64 (Graviton) bootstraps deploy_lambda.sh builds on an x86_64 host: Native AOT through the
/// aarch64-linux-gnu cross toolchain and the portable build. Each is an arm64 ELF that provided.al2023's
/// glibc can load, and answers a real invocation (/next, then /response) from the Runtime API
/// emulator, run by qemu-user on this machine, against moto.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class BootstrapArm64Tests
{
    // qemu-user translates every instruction: a start-up takes seconds, not milliseconds.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    [TestCase(BootstrapFlavour.AotArm64)]
    [TestCase(BootstrapFlavour.PortableArm64)]
    public async Task Bootstrap_Arm64OnASaturday_AnswersMarketIsClosed(BootstrapFlavour flavour)
    {
        // Arrange
        var path = PublishedBootstrap.PathOf(flavour);
        var saturday = RecentDates.LatestSaturday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var stack = await LambdaStack.StartAsync();
        using var emulator = new RuntimeApiEmulator();

        // Act
        var header = new byte[20];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        var (readelf, symbols, _) = ProcessRunner.Run(Prerequisite.RequireOnPath("readelf", "apt-get install binutils"), ["--dyn-syms", "--wide", path]);
        using var bootstrap = BootstrapProcess.Start(flavour, stack.FunctionEnvironment(emulator));
        var (requestId, post) = await BootstrapProcess.InvokeAsync(emulator, $"{{\"date\": \"{saturday}\"}}", Wait);
        await bootstrap.StopAsync(emulator);

        // Assert: ELF, 64-bit, e_machine 183 (EM_AARCH64), glibc <= 2.34, and the runtime's answer.
        header[..5].Should().Equal(0x7F, (byte)'E', (byte)'L', (byte)'F', 2);
        BitConverter.ToUInt16(header, 18).Should().Be(183, "an arm64 function needs an AArch64 binary");
        readelf.Should().Be(0);
        GlibcVersion().Matches(symbols).Select(m => Version.Parse(m.Groups[1].Value)).Max()
            .Should().NotBeNull().And.BeLessThanOrEqualTo(new Version(2, 34), "provided.al2023 ships glibc 2.34");
        post.Path.Should().Be($"invocation/{requestId}/response", $"{bootstrap.Stdout}\n{bootstrap.Stderr}");
        post.Body.Should().Be("""{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""");
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}
