using FsCheck;
using FsCheck.Fluent;
using RedisLite.Collections;

namespace RedisLite.Tests.Lists;

/// <summary>The deque behind lists, against a <see cref="List{T}"/> model: wrap-around, growth, shrinking, inserts and removals.</summary>
public sealed class ListValueTests
{
    [Fact]
    public void Random_operations_match_a_model()
    {
        var property = Prop.ForAll(Gen.ListOf(Gen.Choose(0, 99)).ToArbitrary(), ops =>
        {
            var list = new ListValue([1]);
            var model = new List<byte[]>();
            var next = 0;
            foreach (var op in ops)
            {
                var element = new byte[] { (byte)(next++ % 5) };
                switch (op % 7)
                {
                    case 0:
                    case 1:
                        list.PushLeft(element);
                        model.Insert(0, element);
                        break;
                    case 2:
                    case 3:
                        list.PushRight(element);
                        model.Add(element);
                        break;
                    case 4 when model.Count > 0:
                        var side = op % 2 == 0 ? ListSide.Left : ListSide.Right;
                        var popped = list.Pop(side);
                        var expected = side == ListSide.Left ? model[0] : model[^1];
                        model.RemoveAt(side == ListSide.Left ? 0 : model.Count - 1);
                        if (!ReferenceEquals(popped, expected))
                        {
                            return false;
                        }

                        break;
                    case 5:
                        var at = model.Count == 0 ? 0 : op % (model.Count + 1);
                        list.Insert(at, element);
                        model.Insert(at, element);
                        break;
                    case 6:
                        var limit = op % 3;
                        var fromTail = op % 2 == 1;
                        var removed = list.RemoveMatches(element, limit, fromTail);
                        var expectedRemoved = RemoveFromModel(model, element, limit, fromTail);
                        if (removed != expectedRemoved)
                        {
                            return false;
                        }

                        break;
                }

                if (list.Length != model.Count)
                {
                    return false;
                }
            }

            for (var i = 0; i < model.Count; i++)
            {
                if (!ReferenceEquals(list[i], model[i]))
                {
                    return false;
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Keep_trims_across_the_wrap_point_and_copy_is_independent()
    {
        var list = new ListValue([1]);
        for (var i = 0; i < 6; i++)
        {
            list.PushRight([(byte)i]);
        }

        list.Pop(ListSide.Left);
        list.Pop(ListSide.Left);
        list.PushRight([6]);
        list.PushRight([7]); // wraps
        list.Keep(1, 4);
        Assert.Equal([3, 4, 5, 6], Enumerable.Range(0, list.Length).Select(i => (int)list[i][0]));

        var copy = (ListValue)list.CopyTo([2]);
        copy.Pop(ListSide.Left);
        Assert.Equal(4, list.Length);
        Assert.Equal(3, copy.Length);
        Assert.Equal([2], copy.Key);
    }

    [Fact]
    public void Capacity_shrinks_after_the_list_drains()
    {
        var list = new ListValue([1]);
        for (var i = 0; i < 10_000; i++)
        {
            list.PushRight([1]);
        }

        for (var i = 0; i < 9_990; i++)
        {
            list.Pop(ListSide.Left);
        }

        var items = (byte[][])typeof(ListValue).GetField("_items", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(list)!;
        Assert.True(items.Length <= 64, $"capacity {items.Length}");
        Assert.Equal(10, list.Length);
    }

    private static int RemoveFromModel(List<byte[]> model, byte[] element, int limit, bool fromTail)
    {
        var removed = 0;
        if (!fromTail)
        {
            for (var i = 0; i < model.Count && (limit == 0 || removed < limit);)
            {
                if (model[i].AsSpan().SequenceEqual(element))
                {
                    model.RemoveAt(i);
                    removed++;
                }
                else
                {
                    i++;
                }
            }
        }
        else
        {
            for (var i = model.Count - 1; i >= 0 && (limit == 0 || removed < limit); i--)
            {
                if (model[i].AsSpan().SequenceEqual(element))
                {
                    model.RemoveAt(i);
                    removed++;
                }
            }
        }

        return removed;
    }
}
