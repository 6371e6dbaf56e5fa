using BenchmarkDotNet.Running;

// `dotnet run -c Release --project backend/bench/AlphaKite.Benchmarks -- --filter '*' --job short`
BenchmarkSwitcher.FromAssembly(typeof(AlphaKite.Benchmarks.IndicatorsBenchmark).Assembly).Run(args);
