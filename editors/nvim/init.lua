-- triggerlint in Neovim: diagnostics, hover, completion and code actions
-- for JSON files from `triggerlint lsp`. Copy this into your init.lua, or
-- run `nvim -u editors/nvim/init.lua schema.json` to try it.
--
-- Neovim 0.7 (Debian 12's package) has vim.lsp.start_client, used here;
-- Neovim 0.8 and later also have vim.lsp.start (see the README).
-- TRIGGERLINT names the binary when it is not on PATH.
vim.cmd('filetype on')

local triggerlint = { vim.env.TRIGGERLINT or 'triggerlint', 'lsp' }
local client_id = nil

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'json',
  callback = function(args)
    if client_id == nil then
      client_id = vim.lsp.start_client({
        name = 'triggerlint',
        cmd = triggerlint,
        root_dir = vim.fn.getcwd(),
      })
    end
    if client_id ~= nil then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
