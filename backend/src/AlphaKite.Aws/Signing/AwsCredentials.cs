namespace AlphaKite.Aws.Signing;

/// <summary>The caller's AWS credentials; in Lambda, the execution role's temporary ones.</summary>
/// <param name="SessionToken">Present with temporary credentials (always in Lambda); signed as X-Amz-Security-Token.</param>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never prints the secret key or the session token.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
