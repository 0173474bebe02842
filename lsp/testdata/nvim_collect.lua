-- Waits for the diagnostics of the current buffer and writes them, one a
-- line ("line:col severity code message", 0-based byte columns), to the
-- file TRIGGERLINT_OUT names; then quits.
local out = vim.env.TRIGGERLINT_OUT
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(lines, string.format('%d:%d %d %s %s', d.lnum, d.col, d.severity, tostring(code), d.message))
end
table.sort(lines)
vim.fn.writefile(lines, out)
vim.cmd('qa!')
