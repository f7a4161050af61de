/** Type inference and every type rule, good and bad cases, with the error text checked. */
import { describe, expect, test } from 'vitest';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import type { DataType } from '../../src/types/dtype.js';
import { col, corr, Expr, ExprTypeError, len, lit, typeOf, typeOfNullable, when } from '../../src/expr/index.js';
import { schema } from './fixtures.js';

const type = (e: Expr) => typeOf(e.node, schema);
const fails = (e: Expr) => {
  try {
    type(e);
  } catch (err) {
    expect(err).toBeInstanceOf(ExprTypeError);
    return (err as Error).message;
  }
  throw new Error(`expected ${e.toString()} to fail type checking`);
};

describe('columns and literals', () => {
  test('a column has its schema type; a literal its own', () => {
    expect(type(col('id1'))).toBe('Utf8');
    expect(type(col('ts'))).toBe('Timestamp');
    expect(type(lit(1.5))).toBe('Float64');
    expect(type(lit(null, 'Date'))).toBe('Date');
  });

  test('an unknown column fails with ColumnNotFoundError listing the known columns', () => {
    const e = col('v9').sum();
    expect(() => type(e)).toThrow(ColumnNotFoundError);
    expect(() => type(e)).toThrow(
      'unknown column "v9" in col("v9").sum(); known columns: "id1", "id2", "id4", "v1", "v2", "v3", "big", "flag", "day", "ts"',
    );
  });

  test('an expression that is always an untyped null has no type', () => {
    expect(fails(lit(null))).toBe(
      'cannot infer a type: the result is always an untyped null in null; give the null a type, e.g. lit(null, "Float64")',
    );
    expect(typeOfNullable(lit(null).fillNull(lit(null)).node, schema)).toBeNull();
    expect(typeOfNullable(when(col('flag')).then(null).node, schema)).toBeNull();
  });
});

describe('arithmetic', () => {
  const cases: [Expr, DataType][] = [
    [col('v1').add(col('v2')), 'Int32'],
    [col('v1').add(col('big')), 'Int64'],
    [col('v1').mul(col('v3')), 'Float64'],
    [col('big').mod(2), 'Int64'],
    [col('v1').sub(lit(null)), 'Int32'],
    [lit(null).sub(col('v3')), 'Float64'],
    [col('v1').div(col('v2')), 'Float64'],
    [col('big').div(lit(null)), 'Float64'],
    [lit(null).add(lit(null)), 'Int32'],
    [col('big').add(lit(null).mul(null)), 'Int64'],
  ];
  test.each(cases)('%s is %s', (e, t) => {
    expect(type(e)).toBe(t);
  });

  test('non-numeric operands are rejected', () => {
    expect(fails(col('id1').add(1))).toBe(
      'cannot apply "+" to column "id1" of type Utf8 and 1 of type Int32 in (col("id1") + 1); "+" adds two numbers or joins two Utf8 values; cast the other side with .cast("Utf8") or use concatStr([...])',
    );
    expect(fails(col('id1').sub(col('id1')))).toContain('cannot apply "-" to column "id1" of type Utf8');
    expect(fails(col('v1').mod(col('flag')))).toContain('cannot apply "%" to column "flag" of type Boolean');
    expect(fails(col('day').add(col('day')))).toContain('cannot apply "+" to column "day" of type Date and column "day" of type Date');
    expect(fails(col('day').sub(1))).toContain('add a duration with dt.offsetBy()');
    expect(type(col('day').sub(col('day')))).toBe('Int32');
    expect(type(col('day').sub(col('ts')))).toBe('Int64');
    expect(type(col('ts').sub(lit(null)))).toBe('Int64');
    expect(fails(lit(null).div('x'))).toContain('cannot apply "/" to "x" of type Utf8');
  });
});

describe('comparisons', () => {
  const good: Expr[] = [
    col('v1').gt(col('v3')),
    col('big').eq(1),
    col('id1').lt(col('id2')),
    col('id1').eq('id001'),
    col('flag').neq(true),
    col('day').gte(lit('2020-01-01', 'Date')),
    col('ts').lte(new Date(0)),
    col('id1').eq(null),
  ];
  test.each(good)('%s is Boolean', (e) => {
    expect(type(e)).toBe('Boolean');
  });

  test('incompatible sides are rejected', () => {
    expect(fails(col('v1').eq('x'))).toBe(
      'cannot compare column "v1" of type Int32 with "x" of type Utf8 in (col("v1") == "x"); comparisons need two numeric sides, two dates (Date or Timestamp), or two sides of the same type',
    );
    expect(fails(col('day').lt(col('v1')))).toContain('cannot compare column "day" of type Date with column "v1" of type Int32');
    expect(fails(col('day').lt('31/01/2024'))).toContain('cannot read "31/01/2024" as a Date in (col("day") < "31/01/2024")');
    expect(fails(col('flag').gt(1))).toContain('of type Boolean with 1 of type Int32');
  });
});

describe('boolean logic', () => {
  test('and/or/not take Boolean (or null) and give Boolean', () => {
    expect(type(col('flag').and(col('v1').gt(1)))).toBe('Boolean');
    expect(type(col('flag').or(null))).toBe('Boolean');
    expect(type(col('flag').not())).toBe('Boolean');
    expect(type(lit(null).not())).toBe('Boolean');
  });

  test('non-Boolean operands are rejected', () => {
    expect(fails(col('v1').and(col('flag')))).toBe(
      'cannot apply "&" to column "v1" of type Int32 in (col("v1") & col("flag")); "&" needs Boolean operands',
    );
    expect(fails(col('flag').or('x'))).toContain('cannot apply "|" to "x" of type Utf8');
    expect(fails(col('id1').not())).toBe(
      'cannot apply not() to column "id1" of type Utf8 in col("id1").not(); not() needs a Boolean input',
    );
  });
});

describe('null handling', () => {
  test('isNull/isNotNull take anything', () => {
    expect(type(col('id1').isNull())).toBe('Boolean');
    expect(type(col('day').isNotNull())).toBe('Boolean');
    expect(type(lit(null).isNull())).toBe('Boolean');
  });

  test('fillNull takes the supertype of the argument and the fill', () => {
    expect(type(col('v1').fillNull(0))).toBe('Int32');
    expect(type(col('v1').fillNull(0.5))).toBe('Float64');
    expect(type(col('id1').fillNull('none'))).toBe('Utf8');
    expect(type(lit(null).fillNull(col('day')))).toBe('Date');
    expect(fails(col('v1').fillNull('x'))).toBe(
      'cannot fill nulls of column "v1" of type Int32 with "x" of type Utf8 in col("v1").fillNull("x")',
    );
  });
});

describe('isIn and between', () => {
  test('isIn is Boolean when every value matches the argument type', () => {
    expect(type(col('id4').isIn([1, 2, 3]))).toBe('Boolean');
    expect(type(col('big').isIn([1, 2n ** 60n]))).toBe('Boolean');
    expect(type(col('id1').isIn(['id001']))).toBe('Boolean');
    expect(type(col('day').isIn([new Date(0), '2020-01-01']))).toBe('Boolean');
    expect(type(col('flag').isIn([true]))).toBe('Boolean');
  });

  test('isIn values of another type are rejected', () => {
    expect(fails(col('id4').isIn([1, 'x']))).toBe('isIn value "x" does not match column "id4" of type Int32 in col("id4").isIn([1, "x"])');
    expect(fails(col('id1').isIn([1]))).toContain('isIn value 1 does not match column "id1" of type Utf8');
    expect(fails(col('day').isIn(['soon']))).toContain('isIn value "soon" does not match column "day" of type Date');
  });

  test('with an untyped null argument the values must share a type', () => {
    expect(type(lit(null).isIn([1, '2']))).toBe('Boolean');
    expect(fails(lit(null).isIn(['a', false]))).toBe(
      'isIn values ["a",false] mix types in lit(null).isIn(["a", false]); give them one type',
    );
  });

  test('between needs bounds comparable with the argument', () => {
    expect(type(col('v3').between(1, 2))).toBe('Boolean');
    expect(type(col('id1').between('a', 'b'))).toBe('Boolean');
    expect(fails(col('v3').between(1, 'z'))).toBe(
      'cannot compare column "v3" of type Float64 with "z" of type Utf8 in col("v3").between(1, "z"); between() needs comparable bounds',
    );
    expect(fails(lit(null).between(col('id1'), col('day')))).toBe(
      'cannot compare column "id1" of type Utf8 with column "day" of type Date in lit(null).between(col("id1"), col("day")); between() needs comparable bounds',
    );
  });
});

describe('casts', () => {
  const allowed: [DataType, DataType][] = [
    ['Int32', 'Float64'],
    ['Float64', 'Int32'],
    ['Int64', 'Int32'],
    ['Boolean', 'Int64'],
    ['Float64', 'Boolean'],
    ['Date', 'Timestamp'],
    ['Timestamp', 'Date'],
    ['Int32', 'Date'],
    ['Int64', 'Date'],
    ['Date', 'Int32'],
    ['Timestamp', 'Int64'],
    ['Int64', 'Timestamp'],
    ['Utf8', 'Utf8'],
    ['Utf8', 'Int32'],
    ['Utf8', 'Int64'],
    ['Utf8', 'Float64'],
    ['Utf8', 'Boolean'],
    ['Utf8', 'Date'],
    ['Utf8', 'Timestamp'],
  ];
  const column: Record<DataType, string> = {
    Int32: 'v1',
    Int64: 'big',
    Float64: 'v3',
    Boolean: 'flag',
    Utf8: 'id1',
    Date: 'day',
    Timestamp: 'ts',
  };
  test.each(allowed)('%s -> %s is allowed', (from, to) => {
    expect(type(col(column[from]).cast(to))).toBe(to);
  });

  test('casts with no rule are rejected, naming the expression', () => {
    expect(fails(col('v3').cast('Date'))).toBe('cannot cast column "v3" of type Float64 to Date in col("v3").cast("Date")');
    expect(fails(col('day').cast('Float64'))).toContain('cannot cast column "day" of type Date to Float64');
    expect(fails(col('flag').cast('Timestamp'))).toContain('cannot cast column "flag" of type Boolean to Timestamp');
  });

  test('an untyped null casts to anything', () => {
    expect(type(lit(null).cast('Utf8'))).toBe('Utf8');
  });
});

describe('math functions', () => {
  test('on untyped nulls they give Int32, the narrowest numeric type, so a null stays numeric', () => {
    expect(type(lit(null).abs())).toBe('Int32');
    expect(type(lit(null).round(1).add(col('v3')))).toBe('Float64');
    expect(fails(lit(null).floor().str.contains('x'))).toContain('cannot apply str.contains() to lit(null).floor() of type Int32');
  });

  test('abs/neg/floor/ceil/round keep the type', () => {
    expect(type(col('v1').abs())).toBe('Int32');
    expect(type(col('big').neg())).toBe('Int64');
    expect(type(col('v3').floor())).toBe('Float64');
    expect(type(col('v1').ceil())).toBe('Int32');
    expect(type(col('v3').round(2))).toBe('Float64');
  });

  test('sqrt/log/exp/pow give Float64', () => {
    expect(type(col('v1').sqrt())).toBe('Float64');
    expect(type(col('big').log())).toBe('Float64');
    expect(type(col('v1').exp())).toBe('Float64');
    expect(type(col('v1').pow(2))).toBe('Float64');
    expect(type(lit(null).sqrt())).toBe('Float64');
  });

  test('non-numeric inputs are rejected', () => {
    expect(fails(col('id1').abs())).toBe(
      'cannot apply abs() to column "id1" of type Utf8 in col("id1").abs(); abs() needs a numeric input',
    );
    expect(fails(col('flag').round(1))).toContain('cannot apply round() to column "flag" of type Boolean');
    expect(fails(col('v1').pow('x'))).toContain('cannot apply pow() to "x" of type Utf8');
    expect(fails(col('day').sqrt())).toContain('sqrt() needs a numeric input');
  });

  test('round digits are checked even on nodes built by hand', () => {
    const e = new Expr({ kind: 'round', arg: col('v3').node, digits: -1 });
    expect(fails(e)).toBe('round() needs a whole number of digits >= 0, got -1 in col("v3").round(-1)');
  });
});

describe('string and date functions', () => {
  test('string functions take Utf8', () => {
    expect(type(col('id1').str.contains('01'))).toBe('Boolean');
    expect(type(col('id1').str.startsWith('id'))).toBe('Boolean');
    expect(type(col('id1').str.endsWith('1'))).toBe('Boolean');
    expect(type(col('id1').str.toUpperCase())).toBe('Utf8');
    expect(type(col('id1').str.toLowerCase())).toBe('Utf8');
    expect(type(col('id1').str.slice(1, 2))).toBe('Utf8');
    expect(type(col('id1').str.length())).toBe('Int32');
  });

  test('string functions reject other types', () => {
    expect(fails(col('v1').str.contains('1'))).toBe(
      'cannot apply str.contains() to column "v1" of type Int32 in col("v1").str.contains("1"); str.contains() needs a Utf8 input',
    );
    expect(fails(col('v1').str.slice(1))).toContain('str.slice() needs a Utf8 input');
    expect(fails(col('day').str.length())).toContain('cannot apply str.length() to column "day" of type Date');
  });

  test('date parts take Date or Timestamp and give Int32', () => {
    for (const c of ['day', 'ts']) {
      expect(type(col(c).dt.year())).toBe('Int32');
      expect(type(col(c).dt.month())).toBe('Int32');
      expect(type(col(c).dt.day())).toBe('Int32');
      expect(type(col(c).dt.weekday())).toBe('Int32');
    }
    expect(fails(col('v1').dt.year())).toBe(
      'cannot apply dt.year() to column "v1" of type Int32 in col("v1").dt.year(); dt.year() needs a Date or Timestamp input',
    );
  });
});

describe('when/then/otherwise', () => {
  test('branches take their supertype; a null branch adopts the others', () => {
    expect(type(when(col('flag')).then(1).otherwise(2.5))).toBe('Float64');
    expect(type(when(col('flag')).then(col('big')).otherwise(col('v1')))).toBe('Int64');
    expect(type(when(col('flag')).then('a'))).toBe('Utf8');
    expect(type(when(col('flag')).then(null).when(col('v1').gt(1)).then(col('day')).otherwise(null))).toBe('Date');
  });

  test('conditions must be Boolean', () => {
    expect(fails(when(col('v1')).then(1))).toBe(
      'cannot use column "v1" of type Int32 in when(col("v1")).then(1); when() conditions must be Boolean',
    );
  });

  test('branches of incompatible types are rejected', () => {
    expect(fails(when(col('flag')).then(1).otherwise('x'))).toBe(
      'when/then/otherwise branches have incompatible types Int32 (1) and Utf8 ("x") in when(col("flag")).then(1).otherwise("x")',
    );
  });
});

describe('aggregations', () => {
  const cases: [Expr, DataType][] = [
    [col('v1').sum(), 'Int64'],
    [col('big').sum(), 'Int64'],
    [col('flag').sum(), 'Int64'],
    [col('v3').sum(), 'Float64'],
    [col('v1').mean(), 'Float64'],
    [col('flag').mean(), 'Float64'],
    [col('v1').var(), 'Float64'],
    [col('v3').std(), 'Float64'],
    [col('big').median(), 'Float64'],
    [col('v1').quantile(0.5), 'Float64'],
    [corr(col('v1'), col('v2')), 'Float64'],
    [col('v1').min(), 'Int32'],
    [col('id1').max(), 'Utf8'],
    [col('day').min(), 'Date'],
    [col('flag').max(), 'Boolean'],
    [col('ts').first(), 'Timestamp'],
    [col('id2').last(), 'Utf8'],
    [col('id1').count(), 'Int32'],
    [col('id1').nUnique(), 'Int32'],
    [len(), 'Int32'],
    [col('v3').len(), 'Int32'],
    [col('v1').sum().add(col('v3').mean()).alias('x'), 'Float64'],
    [corr('v1', 'v2').pow(2), 'Float64'],
  ];
  test.each(cases)('%s is %s', (e, t) => {
    expect(type(e)).toBe(t);
  });

  test('sum of a string column names the column and the expression', () => {
    expect(fails(col('id1').sum())).toBe(
      'cannot sum column "id1" of type Utf8 in col("id1").sum(); sum() needs a numeric or Boolean input',
    );
  });

  test('numeric aggregations reject other types', () => {
    expect(fails(col('id1').mean())).toBe(
      'cannot compute mean() of column "id1" of type Utf8 in col("id1").mean(); mean() needs a numeric or Boolean input',
    );
    expect(fails(col('day').std())).toContain('cannot compute std() of column "day" of type Date');
    expect(fails(col('id1').quantile(0.5))).toContain('quantile() needs a numeric or Boolean input');
    expect(fails(corr(col('v1'), col('id2')))).toContain('cannot compute corr() of column "id2" of type Utf8');
    expect(fails(corr(col('ts'), col('v2')))).toContain('cannot compute corr() of column "ts" of type Timestamp');
  });

  test('numeric aggregations of an untyped null ask for a type', () => {
    expect(fails(lit(null).sum())).toBe('cannot sum an untyped null in lit(null).sum(); give it a type, e.g. lit(null, "Float64")');
    expect(type(lit(null, 'Int32').sum())).toBe('Int64');
  });

  test('nested aggregations are rejected', () => {
    expect(fails(col('v1').sum().mean())).toBe(
      'nested aggregation col("v1").sum() in col("v1").sum().mean(); an aggregation cannot contain another aggregation',
    );
    expect(fails(col('v1').sub(col('v1').mean()).abs().max())).toContain('nested aggregation col("v1").mean()');
  });

  test('malformed aggregation nodes built by hand are rejected', () => {
    expect(fails(new Expr({ kind: 'agg', fn: 'quantile', arg: col('v1').node, q: 2 }))).toContain(
      'quantile() needs q between 0 and 1, got 2',
    );
    expect(fails(new Expr({ kind: 'agg', fn: 'corr', arg: col('v1').node }))).toContain('corr() needs two input expressions');
    expect(fails(new Expr({ kind: 'agg', fn: 'sum', arg: null }))).toContain('sum() needs an input expression');
  });
});

describe('errors', () => {
  test('ExprTypeError carries the display form of the whole expression', () => {
    try {
      type(col('v1').add(col('id1')).alias('x'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExprTypeError);
      expect((e as ExprTypeError).expr).toBe('(col("v1") + col("id1")).alias("x")');
      expect((e as ExprTypeError).name).toBe('ExprTypeError');
    }
  });
});
