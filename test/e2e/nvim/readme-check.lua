-- Run after readme-init.lua (nvim --headless --clean -u readme-init.lua -c 'luafile readme-check.lua' <file>):
-- the README's configuration attached mp-privacy to the opened file and a diagnostic arrived.
local buf = vim.api.nvim_get_current_buf()
local ok = vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code
    if code == 'phone-on-entry' then return true end
  end
  return false
end, 50)
local names = {}
for _, client in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(names, client.name) end
io.stdout:write(string.format('CHECK %s README config: clients [%s], %d diagnostic(s) on %s\n', ok and 'ok' or 'FAIL', table.concat(names, ', '), #vim.diagnostic.get(buf), vim.fn.expand('%:t')))
io.stdout:write(ok and 'RESULT pass\n' or 'RESULT fail\n')
vim.cmd(ok and 'qall!' or 'cquit! 1')
