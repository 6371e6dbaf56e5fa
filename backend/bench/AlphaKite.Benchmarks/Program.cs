using BenchmarkDotNet.Running;

// `dotnet run -c Release --project backend/bench/AlphaKite.Benchmarks -- --filter '*'`
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
