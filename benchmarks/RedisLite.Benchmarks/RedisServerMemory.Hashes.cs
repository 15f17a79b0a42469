using System.Globalization;
using System.Text;

namespace RedisLite.Benchmarks;

internal static partial class RedisServerMemory
{
    /// <summary>Writes <c>HSET key:0000001 f1 v:... f2 v:... ...</c> for every hash of <see cref="HashMemoryMeasurement"/>, in RESP.</summary>
    private static void WriteHashRespFile(string path, int count)
    {
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        var header = string.Create(CultureInfo.InvariantCulture, $"*{2 + (2 * HashMemoryMeasurement.FieldsPerHash)}\r\n");
        var command = Encoding.ASCII.GetBytes("HSET");
        for (var i = 1; i <= count; i++)
        {
            WriteAscii(stream, header);
            WriteBulk(stream, command);
            WriteBulk(stream, Encoding.ASCII.GetBytes(BenchmarkData.Key(i)));
            for (var f = 0; f < HashMemoryMeasurement.FieldsPerHash; f++)
            {
                WriteBulk(stream, HashMemoryMeasurement.FieldNames[f]);
                WriteBulk(stream, HashMemoryMeasurement.FieldValue(i, f));
            }
        }
    }
}
