namespace AlphaKite.Aws.Runtime;

/// <summary>
/// .NET does not see Lambda's memory setting (the microVM may report more), so without a limit
/// the GC sizes itself for memory the function cannot use and Lambda kills the process instead
/// of the GC collecting harder. Amazon.Lambda.RuntimeSupport does the same at start-up (with 100 %
/// of the memory where we take <see cref="HeapShare"/>):
/// AppContext "GCHeapHardLimit" then GC.RefreshMemoryLimit() (.NET 8+, also under Native AOT).
/// Environment variables such as DOTNET_GCHeapHardLimit would have to be set before the process
/// starts, which a Lambda function cannot do for itself.
/// </summary>
public static class LambdaMemory
{
    /// <summary>Share of the function's memory the managed heap may use; the rest is for native
    /// code (TLS, sockets, Npgsql buffers) and the binary itself.</summary>
    public const double HeapShare = 0.8;

    /// <summary>Applies the limit for <paramref name="functionMemoryMb"/> (AWS_LAMBDA_FUNCTION_MEMORY_SIZE)
    /// unless a lower one is already in force. Returns the GC's total available memory afterwards.</summary>
    public static long ApplyHeapLimit(int? functionMemoryMb)
    {
        if (functionMemoryMb is not > 0)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }

        var limit = (ulong)(functionMemoryMb.Value * HeapShare) * 1024UL * 1024UL;
        if ((ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes > limit)
        {
            AppContext.SetData("GCHeapHardLimit", limit);
            GC.RefreshMemoryLimit();
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
