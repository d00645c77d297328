package ast

import (
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilNodes: every node's methods, on a nil node and on a zero one
// (whose children are nil), return empty values instead of panicking.
func TestNilNodes(t *testing.T) {
	for _, v := range []any{
		(*AddtotalsCommand)(nil), new(AddtotalsCommand),
		(*AppendCommand)(nil), new(AppendCommand),
		(*AppendpipeCommand)(nil), new(AppendpipeCommand),
		(*BinCommand)(nil), new(BinCommand),
		(*BinaryExpr)(nil), new(BinaryExpr),
		(*CallExpr)(nil), new(CallExpr),
		(*ChartCommand)(nil), new(ChartCommand),
		(*ConvertCommand)(nil), new(ConvertCommand),
		(*DatamodelCommand)(nil), new(DatamodelCommand),
		(*DedupCommand)(nil), new(DedupCommand),
		(*EvalCommand)(nil), new(EvalCommand),
		(*ExtractCommand)(nil), new(ExtractCommand),
		(*FieldExpr)(nil), new(FieldExpr),
		(*FieldformatCommand)(nil), new(FieldformatCommand),
		(*FieldsCommand)(nil), new(FieldsCommand),
		(*FillnullCommand)(nil), new(FillnullCommand),
		(*ForeachCommand)(nil), new(ForeachCommand),
		(*FromCommand)(nil), new(FromCommand),
		(*FromjsonCommand)(nil), new(FromjsonCommand),
		(*GenericCommand)(nil), new(GenericCommand),
		(*HeadCommand)(nil), new(HeadCommand),
		(*InExpr)(nil), new(InExpr),
		(*InputlookupCommand)(nil), new(InputlookupCommand),
		(*IplocationCommand)(nil), new(IplocationCommand),
		(*JoinCommand)(nil), new(JoinCommand),
		(*LookupCommand)(nil), new(LookupCommand),
		(*MakemvCommand)(nil), new(MakemvCommand),
		(*MakeresultsCommand)(nil), new(MakeresultsCommand),
		(*MapCommand)(nil), new(MapCommand),
		(*MstatsCommand)(nil), new(MstatsCommand),
		(*MultikvCommand)(nil), new(MultikvCommand),
		(*MultisearchCommand)(nil), new(MultisearchCommand),
		(*MvexpandCommand)(nil), new(MvexpandCommand),
		(*NumberExpr)(nil), new(NumberExpr),
		(*OutputlookupCommand)(nil), new(OutputlookupCommand),
		(*ParenExpr)(nil), new(ParenExpr),
		(*Query)(nil), new(Query),
		(*RegexCommand)(nil), new(RegexCommand),
		(*RenameCommand)(nil), new(RenameCommand),
		(*ReplaceCommand)(nil), new(ReplaceCommand),
		(*RexCommand)(nil), new(RexCommand),
		(*SearchAnd)(nil), new(SearchAnd),
		(*SearchCommand)(nil), new(SearchCommand),
		(*SearchCompare)(nil), new(SearchCompare),
		(*SearchGroup)(nil), new(SearchGroup),
		(*SearchIn)(nil), new(SearchIn),
		(*SearchNot)(nil), new(SearchNot),
		(*SearchOr)(nil), new(SearchOr),
		(*SearchSubsearch)(nil), new(SearchSubsearch),
		(*SearchTerm)(nil), new(SearchTerm),
		(*SimpleCommand)(nil), new(SimpleCommand),
		(*SortCommand)(nil), new(SortCommand),
		(*SpathCommand)(nil), new(SpathCommand),
		(*StatsCommand)(nil), new(StatsCommand),
		(*StringExpr)(nil), new(StringExpr),
		(*TableCommand)(nil), new(TableCommand),
		(*TailCommand)(nil), new(TailCommand),
		(*TimechartCommand)(nil), new(TimechartCommand),
		(*TojsonCommand)(nil), new(TojsonCommand),
		(*TopCommand)(nil), new(TopCommand),
		(*TransactionCommand)(nil), new(TransactionCommand),
		(*TransactionFilter)(nil), new(TransactionFilter),
		(*TstatsCommand)(nil), new(TstatsCommand),
		(*UnaryExpr)(nil), new(UnaryExpr),
		(*WhereCommand)(nil), new(WhereCommand),
		(*XmlkvCommand)(nil), new(XmlkvCommand),
		Aggregate{}, Assignment{}, Conversion{}, Literal{}, LookupField{}, Option{},
		RenamePair{}, ReplacePair{}, SortKey{}, BinaryOp(""), UnaryOp(""),
	} {
		niltest.CallAll(t, v)
	}
	var c *BinCommand
	if c.String() != "" || c.Span() != (Span{}) {
		t.Errorf("nil BinCommand: %q %v", c.String(), c.Span())
	}
	q := &Query{Commands: []Command{(*WhereCommand)(nil), &WhereCommand{}}}
	if got := q.String(); !strings.Contains(got, "where") {
		t.Errorf("query of nil and zero commands = %q", got)
	}
}

// TestNilArguments: Format, JSON, Inspect and InspectExprs given nil
// arguments return empty results or an error.
func TestNilArguments(t *testing.T) {
	if got := Format(nil); got != "" {
		t.Errorf("Format(nil) = %q", got)
	}
	if _, err := JSON(nil); err == nil {
		t.Error("JSON(nil) returned no error")
	}
	q := &Query{Commands: []Command{&WhereCommand{Expr: &FieldExpr{Name: "a"}}}}
	Inspect(q, nil)
	InspectExprs(q, nil)
}
