using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Resp;

namespace RedisLite.Tests.Resp;

/// <summary>
/// Property tests of the RESP reader and writer: random value trees round-trip; every prefix of a frame needs more
/// data; random and mutated bytes never produce anything but a result or <see cref="RespProtocolException"/>, quickly
/// and without large allocations; frames back to back read one by one.
/// </summary>
public sealed class RespFuzzTests
{
    /// <summary>Generous: a case takes microseconds, this only catches runaway work.</summary>
    private static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(1);

    private static readonly RespReaderOptions WideOpen = new() { MaxBulkLength = Array.MaxLength };

    private static readonly RespReaderOptions Tight = new() { MaxBulkLength = 16, MaxAggregateLength = 4, MaxDepth = 3, MaxInlineLength = 24 };

    [Fact]
    public void Written_values_read_back_equal()
    {
        var property = Prop.ForAll(RespGen.Values.ToArbitrary(), value =>
        {
            var frame = Write(value);
            var status = RespReader.TryRead(frame, out var read, out var consumed);
            return status == OperationStatus.Done && consumed == frame.Length && value.Equals(read) && value.GetHashCode() == read!.GetHashCode();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2500), property);
    }

    [Fact]
    public void Every_strict_prefix_of_a_frame_needs_more_data()
    {
        var property = Prop.ForAll(RespGen.SmallValues.ToArbitrary(), value =>
        {
            var frame = Write(value);
            for (var length = 0; length < frame.Length; length++)
            {
                if (RespReader.TryRead(frame.AsSpan(0, length), out var read, out var consumed) != OperationStatus.NeedMoreData
                    || read is not null || consumed != 0)
                {
                    return false;
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);
    }

    [Fact]
    public void Two_frames_back_to_back_read_as_two()
    {
        var property = Prop.ForAll(Gen.Zip(RespGen.Values, RespGen.Values).ToArbitrary(), pair =>
        {
            var (first, second) = pair;
            var one = Write(first);
            byte[] both = [.. one, .. Write(second)];
            return RespReader.TryRead(both, out var a, out var consumedA) == OperationStatus.Done
                && consumedA == one.Length
                && first.Equals(a)
                && RespReader.TryRead(both.AsSpan(consumedA), out var b, out var consumedB) == OperationStatus.Done
                && consumedA + consumedB == both.Length
                && second.Equals(b);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(800), property);
    }

    [Fact]
    public void Random_bytes_never_misbehave()
    {
        var property = Prop.ForAll(RespGen.NoiseBytes.ToArbitrary(), input =>
            ReplyReaderBehaves(input, RespReaderOptions.Default)
            && ReplyReaderBehaves(input, Tight)
            && CommandReaderBehaves(input, RespReaderOptions.Default)
            && CommandReaderBehaves(input, Tight));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }

    [Fact]
    public void Mutated_frames_never_misbehave()
    {
        var property = Prop.ForAll(RespGen.MutatedFrames.ToArbitrary(), input =>
            ReplyReaderBehaves(input, RespReaderOptions.Default)
            && ReplyReaderBehaves(input, Tight)
            && CommandReaderBehaves(input, RespReaderOptions.Default));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }

    [Fact]
    public void Mutated_commands_never_misbehave()
    {
        var property = Prop.ForAll(RespGen.MutatedCommands.ToArbitrary(), input =>
            CommandReaderBehaves(input, RespReaderOptions.Default)
            && CommandReaderBehaves(input, Tight)
            && ReplyReaderBehaves(input, RespReaderOptions.Default));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), property);
    }

    [Fact]
    public void Huge_announced_lengths_need_more_data_without_allocating()
    {
        var property = Prop.ForAll(RespGen.HugeHeaders.ToArbitrary(), input =>
        {
            var stopwatch = Stopwatch.StartNew();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var reply = RespReader.TryRead(input, WideOpen, out var value, out _);

            // Only '*' starts a multibulk request; anything else is an inline line, which this is not about.
            var command = input[0] == (byte)'*'
                ? RespReader.TryReadCommand(input, WideOpen, out var arguments, out _)
                : OperationStatus.NeedMoreData;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return reply == OperationStatus.NeedMoreData && value is null
                && command == OperationStatus.NeedMoreData
                && allocated < 4096
                && stopwatch.Elapsed < CaseTimeLimit;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Written_commands_read_back_equal()
    {
        var property = Prop.ForAll(RespGen.Arguments.ToArbitrary(), arguments =>
        {
            var frame = RespTestHelpers.Write(w => w.WriteCommand([.. arguments.Select(a => (ReadOnlyMemory<byte>)a)]));
            if (RespReader.TryReadCommand(frame, out var read, out var consumed) != OperationStatus.Done
                || consumed != frame.Length
                || !read!.Select(a => Convert.ToHexString(a)).SequenceEqual(arguments.Select(a => Convert.ToHexString(a))))
            {
                return false;
            }

            for (var length = 0; length < frame.Length; length++)
            {
                if (RespReader.TryReadCommand(frame.AsSpan(0, length), out _, out _) != OperationStatus.NeedMoreData)
                {
                    return false;
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(600), property);
    }

    [Fact]
    public void Quoted_inline_commands_read_back_equal()
    {
        var property = Prop.ForAll(Gen.Zip(RespGen.Arguments, Gen.Choose(0, int.MaxValue)).ToArbitrary(), pair =>
        {
            var (arguments, seed) = pair;
            var line = RespGen.InlineLine(arguments, new Random(seed));
            var status = RespReader.TryReadCommand(line, out var read, out var consumed);
            return status == OperationStatus.Done
                && consumed == line.Length
                && read!.Select(a => Convert.ToHexString(a)).SequenceEqual(arguments.Select(a => Convert.ToHexString(a)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), property);
    }

    private static byte[] Write(RespValue value) => RespTestHelpers.Write(w => w.WriteValue(value));

    /// <summary>
    /// The reply reader's contract on arbitrary input: a result or <see cref="RespProtocolException"/>, fast, with
    /// allocations proportional to the input; and consistent on every prefix (shorter than a frame: more data needed;
    /// at least a frame: the same frame).
    /// </summary>
    private static bool ReplyReaderBehaves(byte[] input, RespReaderOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        OperationStatus status;
        RespValue? value;
        int consumed;
        try
        {
            status = RespReader.TryRead(input, options, out value, out consumed);
        }
        catch (RespProtocolException ex)
        {
            return ex.Message.StartsWith("Protocol error: ", StringComparison.Ordinal)
                && ex.Message.AsSpan().IndexOfAny('\r', '\n') < 0
                && stopwatch.Elapsed < CaseTimeLimit;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (stopwatch.Elapsed >= CaseTimeLimit || allocated > (64L * input.Length) + 4096)
        {
            return false;
        }

        if (status == OperationStatus.NeedMoreData)
        {
            return value is null && consumed == 0 && PrefixesNeedMoreData(input, input.Length, options);
        }

        if (status != OperationStatus.Done || value is null || consumed <= 0 || consumed > input.Length)
        {
            return false;
        }

        // Shorter prefixes need more data; longer ones give the same frame; and what was read writes back to
        // something that reads as an equal value.
        if (!PrefixesNeedMoreData(input, consumed, options))
        {
            return false;
        }

        foreach (var length in SampleLengths(consumed, input.Length + 1))
        {
            if (RespReader.TryRead(input.AsSpan(0, length), options, out var again, out var againConsumed) != OperationStatus.Done
                || againConsumed != consumed
                || !value.Equals(again))
            {
                return false;
            }
        }

        var rewritten = Write(value);
        return RespReader.TryRead(rewritten, WideOpen, out var reread, out var rereadConsumed) == OperationStatus.Done
            && rereadConsumed == rewritten.Length
            && value.Equals(reread);
    }

    /// <summary>
    /// Lengths from <paramref name="from"/> to <paramref name="to"/> (exclusive): all of them for short ranges,
    /// otherwise a spread plus both ends, so long frames do not make a case quadratic.
    /// </summary>
    private static IEnumerable<int> SampleLengths(int from, int to)
    {
        var step = Math.Max(1, (to - from) / 48);
        for (var length = from; length < to; length += step)
        {
            yield return length;
        }

        for (var length = Math.Max(from, to - 8); length < to; length++)
        {
            yield return length;
        }
    }

    private static bool PrefixesNeedMoreData(byte[] input, int upTo, RespReaderOptions options)
    {
        foreach (var length in SampleLengths(0, upTo))
        {
            if (RespReader.TryRead(input.AsSpan(0, length), options, out _, out _) != OperationStatus.NeedMoreData)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The request reader's contract on arbitrary input, as for <see cref="ReplyReaderBehaves"/>.</summary>
    private static bool CommandReaderBehaves(byte[] input, RespReaderOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        OperationStatus status;
        byte[][]? arguments;
        int consumed;
        try
        {
            status = RespReader.TryReadCommand(input, options, out arguments, out consumed);
        }
        catch (RespProtocolException ex)
        {
            return ex.Message.StartsWith("Protocol error: ", StringComparison.Ordinal) && stopwatch.Elapsed < CaseTimeLimit;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (stopwatch.Elapsed >= CaseTimeLimit || allocated > (64L * input.Length) + 4096)
        {
            return false;
        }

        var upTo = status == OperationStatus.Done ? consumed : input.Length;
        if (status == OperationStatus.NeedMoreData && (arguments is not null || consumed != 0))
        {
            return false;
        }

        if (status == OperationStatus.Done && (arguments is null || consumed <= 0 || consumed > input.Length))
        {
            return false;
        }

        foreach (var length in SampleLengths(0, upTo))
        {
            if (RespReader.TryReadCommand(input.AsSpan(0, length), options, out _, out _) != OperationStatus.NeedMoreData)
            {
                return false;
            }
        }

        return status is OperationStatus.Done or OperationStatus.NeedMoreData;
    }
}

/// <summary>FsCheck generators for RESP values, frames, noise and mutations.</summary>
internal static class RespGen
{
    private static readonly string[] TextPieces =
        ["a", "b", "z", "OK", "key", "0", "1", " ", "\"", "'", "\\", ":", "é", "€", "\U0001F600", "\t", "x"];

    private static readonly string[] NoiseTokens =
    [
        "*", "$", "%", "~", ">", "|", "_", "#", ",", "(", "=", "!", "+", "-", ":", "\r\n", "\r\n", "\r\n", "\r", "\n",
        "0", "1", "2", "3", "-1", "-2", "10", "t", "f", "txt:", "inf", "nan", "1.5", "e", ".", "999999999",
        "2147483647", "9223372036854775808", " ", "\t", "\"", "'", "\\", "\\x4", "\\x41", "PING", "SET", "\x00", "\xff",
    ];

    private static Gen<byte> AnyByte => Gen.Choose(0, 255).Select(i => (byte)i);

    private static Gen<byte> InterestingByte => Gen.Frequency(
        (4, AnyByte),
        (3, Gen.Elements("\r\n$*:-+_#,(=!%~>|0123456789tf \"'\\"u8.ToArray())));

    private static Gen<byte[]> Blob => Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(InterestingByte, n));

    private static Gen<string> LineText => Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements(TextPieces), n)).Select(string.Concat);

    private static Gen<string> AnyText => Gen.Choose(0, 8)
        .SelectMany(n => Gen.ArrayOf(Gen.Frequency((6, Gen.Elements(TextPieces)), (1, Gen.Elements("\r\n", "\n", "\r"))), n))
        .Select(string.Concat);

    private static Gen<long> Integer => Gen.OneOf(
        Gen.Choose(-1000, 1000).Select(i => (long)i),
        Gen.Elements(0L, 1L, -1L, long.MinValue, long.MaxValue, int.MaxValue, int.MinValue),
        Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue)).Select(p => ((long)p.Item1 << 32) | (uint)p.Item2));

    private static Gen<double> Double => Gen.OneOf(
        Gen.Elements(0.0, -0.0, 1.5, 0.1, 1e20, 1e-7, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
            double.MaxValue, double.MinValue, double.Epsilon, 4611686018427387904.0, 4611686018427387904.0 * 2, 1e15, 1e16),
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0),
        Gen.Zip(Gen.Choose(1, 99999), Gen.Choose(-30, 30)).Select(p => p.Item1 * Math.Pow(10, p.Item2)),
        Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
            .Select(p => BitConverter.Int64BitsToDouble(((long)p.Item1 << 32) | (uint)p.Item2)));

    private static Gen<string> BigNumberText => Gen.Zip(Gen.Elements("", "-", "+"), Gen.Choose(1, 40))
        .SelectMany(p => Gen.ArrayOf(Gen.Choose(0, 9).Select(d => (char)('0' + d)), p.Item2).Select(digits => p.Item1 + new string(digits)));

    private static Gen<string> VerbatimFormat => Gen.Frequency(
        (4, Gen.Elements("txt", "mkd")),
        (1, Gen.ArrayOf(Gen.Choose(0x21, 0x7E).Where(c => c != ':').Select(c => (char)c), 3).Select(chars => new string(chars))));

    private static Gen<RespValue> Scalar => Gen.Frequency(
        (3, LineText.Select(RespValue.SimpleString)),
        (2, LineText.Select(RespValue.Error)),
        (3, Integer.Select(RespValue.FromInteger)),
        (4, Blob.Select(b => RespValue.Bulk(b))),
        (2, AnyText.Select(RespValue.Bulk)),
        (1, Gen.Constant(RespValue.NullBulk)),
        (1, Gen.Constant(RespValue.NullArray)),
        (1, Gen.Constant(RespValue.Null)),
        (1, Gen.Elements(true, false).Select(RespValue.FromBoolean)),
        (2, Double.Select(RespValue.FromDouble)),
        (1, BigNumberText.Select(RespValue.BigNumber)),
        (1, AnyText.Select(RespValue.BulkError)),
        (1, Gen.Zip(VerbatimFormat, AnyText).Select(p => RespValue.Verbatim(p.Item1, p.Item2))));

    /// <summary>Value trees of up to a few dozen nodes, some with attributes.</summary>
    public static Gen<RespValue> Values => Gen.Sized(size => Value(Math.Min(size, 40)));

    /// <summary>Smaller trees, for properties that try every prefix.</summary>
    public static Gen<RespValue> SmallValues => Gen.Sized(size => Value(Math.Min(size, 12)));

    /// <summary>Request arguments: 1 to 6 byte strings, often text, sometimes any bytes.</summary>
    public static Gen<byte[][]> Arguments => Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(
        Gen.Frequency((2, Blob), (1, AnyText.Select(Encoding.UTF8.GetBytes)), (1, Gen.Elements("GET"u8.ToArray(), "SET"u8.ToArray(), Array.Empty<byte>()))),
        n));

    /// <summary>Concatenated RESP-ish tokens and random bytes, usually starting with a type byte.</summary>
    public static Gen<byte[]> NoiseBytes =>
        from start in Gen.Frequency((2, Gen.Elements("*$%~>|_#,(=!+-:".Select(c => c.ToString()).ToArray())), (1, Gen.Constant("")))
        from n in Gen.Choose(0, 30)
        from pieces in Gen.ArrayOf(
            Gen.Frequency(
                (5, Gen.Elements(NoiseTokens).Select(Encoding.Latin1.GetBytes)),
                (1, Gen.ArrayOf(AnyByte, 1))),
            n)
        select Encoding.Latin1.GetBytes(start).Concat(pieces.SelectMany(p => p)).ToArray();

    /// <summary>Valid reply frames (sometimes two back to back) with one to three random edits.</summary>
    public static Gen<byte[]> MutatedFrames =>
        from value in SmallValues
        from second in Gen.Frequency((3, Gen.Constant<RespValue?>(null)), (1, SmallValues.Select(v => (RespValue?)v)))
        from edits in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        select Mutate(second is null ? WriteValue(value) : [.. WriteValue(value), .. WriteValue(second)], edits, new Random(seed));

    /// <summary>Valid multibulk or inline requests with one to three random edits.</summary>
    public static Gen<byte[]> MutatedCommands =>
        from arguments in Arguments
        from inline in Gen.Elements(false, true)
        from edits in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        select Mutate(
            inline
                ? InlineLine(arguments, new Random(seed))
                : RespTestHelpers.Write(w => w.WriteCommand([.. arguments.Select(a => (ReadOnlyMemory<byte>)a)])),
            edits,
            new Random(seed ^ 0x5A5A5A5A));

    /// <summary>Headers that announce far more data than follows (with some complete elements after them).</summary>
    public static Gen<byte[]> HugeHeaders =>
        from kind in Gen.Elements("$", "*", "%", "~", ">", "*1\r\n$", "*2\r\n$1\r\na\r\n$")
        from size in Gen.Choose(1_000_000, Array.MaxLength)
        from filler in Gen.Choose(0, 3)
        select Encoding.ASCII.GetBytes(
            kind + size.ToString(CultureInfo.InvariantCulture) + "\r\n"
            + (kind.EndsWith('$') ? new string('x', filler * 5) : string.Concat(Enumerable.Repeat("$1\r\na\r\n", filler))));

    /// <summary>Writes arguments as an inline line that <c>redis-cli</c>'s splitting turns back into them.</summary>
    public static byte[] InlineLine(byte[][] arguments, Random random)
    {
        var line = new List<byte>();
        foreach (var argument in arguments)
        {
            line.AddRange(random.Next(4) == 0 ? " \t"u8.ToArray() : " "u8.ToArray());
            var plain = argument.Length > 0 && argument.All(b => b is > 0x20 and < 0x7F and not (byte)'"' and not (byte)'\'' and not (byte)'\\');
            if (plain && random.Next(2) == 0)
            {
                line.AddRange(argument);
            }
            else if (random.Next(3) == 0 && argument.All(b => b is not ((byte)'\'' or (byte)'\\' or (byte)'\n' or (byte)'\r')))
            {
                line.Add((byte)'\'');
                line.AddRange(argument);
                line.Add((byte)'\'');
            }
            else
            {
                line.Add((byte)'"');
                foreach (var b in argument)
                {
                    if (b is (byte)'"' or (byte)'\\')
                    {
                        line.Add((byte)'\\');
                        line.Add(b);
                    }
                    else if (b is < 0x20 or >= 0x7F)
                    {
                        line.AddRange(Encoding.ASCII.GetBytes("\\x" + b.ToString(random.Next(2) == 0 ? "x2" : "X2", CultureInfo.InvariantCulture)));
                    }
                    else
                    {
                        line.Add(b);
                    }
                }

                line.Add((byte)'"');
            }
        }

        line.AddRange(random.Next(3) == 0 ? "\n"u8.ToArray() : "\r\n"u8.ToArray());
        return [.. line];
    }

    private static Gen<RespValue> Value(int size)
    {
        var core = size <= 1 ? Scalar : Gen.Frequency((3, Scalar), (2, Aggregate(size)));
        return Gen.Frequency(
            (12, core),
            (1, from value in core
                from pairs in Gen.Choose(0, 2)
                from items in Gen.ArrayOf(Value(size / 4), pairs * 2)
                select value.WithAttributes(RespValue.Attribute(items))));
    }

    private static Gen<RespValue> Aggregate(int size) =>
        from kind in Gen.Choose(0, 3)
        from count in Gen.Choose(0, Math.Min(size, 6))
        from items in Gen.ArrayOf(Value(size / (count + 1)), kind == 1 ? count * 2 : count)
        select kind switch
        {
            0 => RespValue.Array(items),
            1 => RespValue.Map(items),
            2 => RespValue.Set(items),
            _ => RespValue.Push(items),
        };

    private static byte[] WriteValue(RespValue value) => RespTestHelpers.Write(w => w.WriteValue(value));

    private static byte[] Mutate(byte[] frame, int edits, Random random)
    {
        var bytes = new List<byte>(frame);
        for (var i = 0; i < edits; i++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)random.Next(1, 256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.Latin1.GetBytes(NoiseTokens[random.Next(NoiseTokens.Length)]));
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        var length = random.Next(1, Math.Min(8, bytes.Count - at) + 1);
                        bytes.InsertRange(at, bytes.GetRange(at, length));
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
