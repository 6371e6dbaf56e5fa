namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// The builds deploy_lambda.sh can package (docs/deployment.md, "How the package is built"): Native
/// AOT or portable (self-contained, trimmed, ReadyToRun), for x86_64 or arm64 (Graviton).
/// </summary>
public enum BootstrapFlavour
{
    Aot,
    Portable,
    AotArm64,
    PortableArm64,
}
