namespace AlphaKite.Cli.Doctor;

/// <summary>The environment variables only `doctor --aws` reads, read once by Program.cs.</summary>
/// <param name="AwsCli">ALPHAKITE_AWS_CLI: the AWS CLI to run (default `aws` on PATH).</param>
/// <param name="AwsEndpointUrl">AWS_ENDPOINT_URL: passed to the CLI as --endpoint-url (a local emulator).</param>
public sealed record DoctorEnvironment(string? AwsCli, string? AwsEndpointUrl)
{
    public static DoctorEnvironment Read() => new(
        Environment.GetEnvironmentVariable("ALPHAKITE_AWS_CLI"),
        Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
}
