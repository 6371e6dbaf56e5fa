namespace AlphaKite.Lambda;

/// <summary>The function's secrets, read from SSM Parameter Store once per cold start.</summary>
public sealed record LambdaSecrets(string SchwabAppKey, string SchwabAppSecret, string DatabaseUrl)
{
    /// <summary>Records print their members; this one must not.</summary>
    public override string ToString() => "LambdaSecrets { [redacted] }";
}
