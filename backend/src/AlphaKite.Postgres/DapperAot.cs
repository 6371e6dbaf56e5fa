using AlphaKite.Postgres;
using Dapper;

// Every Dapper call in this assembly is intercepted by Dapper.AOT's generated code: no reflection,
// so the Lambda's Native AOT publish stays free of trimming warnings.
[module: DapperAot]
[module: TypeHandler(typeof(DateTimeOffset), typeof(TimestampHandler))]
